import { BulwarkError } from '../../core/errors.js';
import { HASH_BYTES, type Hash } from './tree-hash.js';

/**
 * Proofs, roots and sizes reach the verifier from the log operator or a file; they are
 * attacker-controlled. Every failure gets one fixed message per cause, and nothing is echoed back.
 */
export function proofInvalid(why: string): BulwarkError {
  return new BulwarkError('AUDIT_PROOF_INVALID', `Merkle proof does not verify: ${why}.`);
}

export function checkSize(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw proofInvalid(`${what} is not a non-negative integer`);
}

export function checkHash(value: Uint8Array, what: string): void {
  if (value.length !== HASH_BYTES) throw proofInvalid(`${what} is not a ${HASH_BYTES}-byte hash`);
}

export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** Copies untrusted hashes into Buffers of our own before any check runs on them. */
export function copyHashes(hashes: readonly Uint8Array[], what: string): Hash[] {
  return hashes.map((h, i) => {
    checkHash(h, `${what}[${i}]`);
    return Buffer.from(h);
  });
}

/** LSB(x) and x >> 1 without 32-bit bitwise operators, so sizes up to 2^53 stay exact. */
export const isOdd = (x: number): boolean => x % 2 === 1;
export const half = (x: number): number => Math.floor(x / 2);
