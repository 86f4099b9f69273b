import { BulwarkError } from '../core/errors.js';

// In unicode mode a paired surrogate is one code point, so this matches only an unpaired half.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Signed payloads are small; this bounds the work an attacker-supplied one can cause. */
export const MAX_CANONICAL_DEPTH = 8;

/**
 * Canonical JSON for signing: object keys sorted by UTF-16 code units, no whitespace, strings and
 * numbers as JSON.stringify writes them (the RFC 8785 rules for the values accepted here). The same
 * payload always becomes the same bytes, so a signature made by the CLI verifies on the server.
 *
 * Threat: two different values serializing to the same bytes would let one signature cover both.
 * Everything that JSON cannot represent exactly (NaN, ±Infinity, -0, undefined, bigint, class
 * instances, symbol keys, sparse arrays) is refused rather than silently coerced.
 */
export function canonicalize(value: unknown): string {
  const parts: string[] = [];
  write(value, parts, 0);
  return parts.join('');
}

/** The UTF-8 bytes of canonicalize(value). */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalize(value), 'utf8');
}

function refuse(why: string): BulwarkError {
  return new BulwarkError('ACCESS_INVALID_PAYLOAD', `The payload cannot be signed canonically: ${why}.`);
}

function write(value: unknown, out: string[], depth: number): void {
  if (value === null || typeof value === 'boolean') {
    out.push(JSON.stringify(value));
    return;
  }
  if (typeof value === 'string') {
    // A lone surrogate has no UTF-8 encoding; the bytes signed would not be the string checked.
    if (LONE_SURROGATE.test(value)) throw refuse('a string is not well-formed Unicode');
    out.push(JSON.stringify(value));
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw refuse('numbers must be finite');
    if (Object.is(value, -0)) throw refuse('-0 is not representable');
    out.push(JSON.stringify(value));
    return;
  }
  if (typeof value !== 'object') throw refuse(`a ${typeof value} is not JSON`);
  if (depth >= MAX_CANONICAL_DEPTH) throw refuse('nesting is too deep');
  if (Array.isArray(value)) {
    writeArray(value, out, depth);
    return;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw refuse('only plain objects are JSON');
  writeObject(value as Record<string, unknown>, out, depth);
}

function writeArray(value: readonly unknown[], out: string[], depth: number): void {
  out.push('[');
  for (let i = 0; i < value.length; i += 1) {
    if (!(i in value)) throw refuse('arrays must not have holes');
    if (i > 0) out.push(',');
    write(value[i], out, depth + 1);
  }
  out.push(']');
}

function writeObject(value: Record<string, unknown>, out: string[], depth: number): void {
  if (Object.getOwnPropertySymbols(value).length > 0) throw refuse('symbol keys are not JSON');
  const keys = Object.keys(value).sort();
  out.push('{');
  keys.forEach((key, i) => {
    if (LONE_SURROGATE.test(key)) throw refuse('a key is not well-formed Unicode');
    if (i > 0) out.push(',');
    out.push(JSON.stringify(key), ':');
    write(value[key], out, depth + 1);
  });
  out.push('}');
}
