import * as nodeCrypto from 'node:crypto';

// crypto.hash (Node ≥ 20.12) skips the Hash object: about a third of createHash's cost for short
// inputs. The gateway hashes seven or eight short strings per request (key, conversation, risk keys,
// decision inputs), so this is worth the fallback for older Node 20 releases.
const oneShot: typeof nodeCrypto.hash | undefined = typeof nodeCrypto.hash === 'function' ? nodeCrypto.hash : undefined;

export function sha256Hex(data: string | Uint8Array): string {
  return oneShot === undefined ? nodeCrypto.createHash('sha256').update(data).digest('hex') : oneShot('sha256', data, 'hex');
}

function sha256(data: string | Uint8Array): Buffer {
  return oneShot === undefined ? nodeCrypto.createHash('sha256').update(data).digest() : oneShot('sha256', data, 'buffer');
}

/**
 * Compare two secrets without leaking where they differ. Both sides are hashed first so inputs of
 * different lengths still take the same path (timingSafeEqual throws on a length mismatch).
 */
export function constantTimeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  return nodeCrypto.timingSafeEqual(sha256(a), sha256(b));
}
