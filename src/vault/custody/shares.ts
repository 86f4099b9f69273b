import { combine, split } from 'shamir-secret-sharing';
import { BulwarkError } from '../../core/errors.js';
import { MASTER_KEY_BYTES } from './master-key.js';

/** Defaults of `bulwark vault init`: any 3 of 5 custodians can unseal. */
export const DEFAULT_SHARES = 5;
export const DEFAULT_THRESHOLD = 3;
export const MAX_SHARES = 255;

/** A share is the secret's length plus one byte: the x coordinate, last (shamir-secret-sharing layout). */
export const SHARE_BYTES = MASTER_KEY_BYTES + 1;
const SHARE_PATTERN = /^[0-9a-f]{66}$/;

export function assertShareCounts(shares: number, threshold: number): void {
  const ok =
    Number.isInteger(shares) && Number.isInteger(threshold) && threshold >= 2 && shares >= threshold && shares <= MAX_SHARES;
  if (!ok) {
    throw new BulwarkError('VAULT_INVALID_ARGUMENT', `Need 2 <= threshold <= shares <= ${MAX_SHARES}; got ${threshold} of ${shares}.`);
  }
}

/** Shares travel as lowercase hex: easy to print once, read back and type. */
export async function splitMasterKey(masterKey: Uint8Array, shares: number, threshold: number): Promise<string[]> {
  assertShareCounts(shares, threshold);
  // A plain Uint8Array copy: the library's instanceof check rejects Buffers from another realm (vitest).
  const secret = new Uint8Array(masterKey);
  const parts = await split(secret, shares, threshold).finally(() => secret.fill(0));
  const encoded = parts.map((part) => Buffer.from(part).toString('hex'));
  for (const part of parts) part.fill(0);
  return encoded;
}

/** Attacker-controlled text: checked for shape only; whether it is a real share shows at combine time. */
export function parseShare(text: string): Buffer {
  const trimmed = text.trim().toLowerCase();
  if (!SHARE_PATTERN.test(trimmed)) {
    throw new BulwarkError('VAULT_INVALID_SHARE', `A share is ${SHARE_BYTES * 2} hex characters.`);
  }
  return Buffer.from(trimmed, 'hex');
}

export function shareIndexOf(share: Uint8Array): number {
  return share[SHARE_BYTES - 1]!;
}

export async function combineShares(shares: readonly Uint8Array[]): Promise<Buffer> {
  try {
    const copies = shares.map((share) => new Uint8Array(share));
    const secret = await combine(copies).finally(() => copies.forEach((copy) => copy.fill(0)));
    const key = Buffer.from(secret);
    secret.fill(0);
    return key;
  } catch {
    throw new BulwarkError('VAULT_UNSEAL_FAILED', 'The shares do not reconstruct the master key.');
  }
}
