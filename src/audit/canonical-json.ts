import { canonicalJson as canonicalize, CanonicalJsonError } from '../core/canonical-json.js';

/** A JSON value as the audit log stores it. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export const MAX_JSON_DEPTH = 32;

/**
 * The canonical bytes of an audit event (core/canonical-json.ts), or null for anything that is not
 * plain JSON (undefined, NaN, Infinity, bigint, functions, symbols, class instances, cycles or
 * nesting deeper than MAX_JSON_DEPTH).
 */
export function canonicalJson(value: unknown): string | null {
  try {
    return canonicalize(value, { maxDepth: MAX_JSON_DEPTH });
  } catch (error) {
    if (error instanceof CanonicalJsonError) return null;
    throw error;
  }
}
