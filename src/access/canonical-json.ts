import { canonicalJson, CanonicalJsonError } from '../core/canonical-json.js';
import { BulwarkError } from '../core/errors.js';

/** Signed payloads are small; this bounds the work an attacker-supplied one can cause. */
export const MAX_CANONICAL_DEPTH = 8;

/**
 * Canonical JSON for signing (core/canonical-json.ts, strict: -0 and unpaired surrogates refused too),
 * so a signature made by the CLI verifies on the server byte for byte.
 */
export function canonicalize(value: unknown): string {
  try {
    return canonicalJson(value, { maxDepth: MAX_CANONICAL_DEPTH, strict: true });
  } catch (error) {
    if (error instanceof CanonicalJsonError) {
      throw new BulwarkError('ACCESS_INVALID_PAYLOAD', `The payload cannot be signed canonically: ${error.message}.`);
    }
    throw error;
  }
}

/** The UTF-8 bytes of canonicalize(value). */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalize(value), 'utf8');
}
