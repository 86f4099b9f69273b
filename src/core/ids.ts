import { randomBytes, randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const RANDOM_CHARS = 16;

// One CSPRNG call fills many ids' worth of bytes, each byte used once: randomBytes(16) per id was
// ~10% of the gateway's CPU per request under load (as node:crypto's randomUUID, this only pools).
const pool = Buffer.alloc(RANDOM_CHARS * 256);
let poolOffset = pool.length;

function randomIdBytes(): Buffer {
  if (poolOffset + RANDOM_CHARS > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + RANDOM_CHARS);
  poolOffset += RANDOM_CHARS;
  return bytes;
}

/** A sortable, URL-safe id: 10 chars of millisecond time then 16 random chars (Crockford base32). */
export function newId(prefix: string, now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i += 1) {
    time = ALPHABET[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  let tail = '';
  for (const byte of randomIdBytes()) tail += ALPHABET[byte % 32]!;
  return `${prefix}_${time}${tail}`;
}

/** A secret token: 32 random bytes, base64url, with a readable prefix so leaked keys are greppable. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}
