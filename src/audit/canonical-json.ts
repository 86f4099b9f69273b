/** A JSON value as the audit log stores it. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export const MAX_JSON_DEPTH = 32;

/**
 * Canonical JSON (the RFC 8785 JCS rules for the values we accept): object keys sorted by UTF-16 code
 * units, no whitespace, numbers and strings as ECMAScript JSON.stringify writes them. The same event
 * always becomes the same bytes, so its leaf hash is reproducible by anyone holding the data.
 * Returns null for anything that is not plain JSON (undefined, NaN, Infinity, bigint, functions,
 * symbols, class instances, cycles or nesting deeper than MAX_JSON_DEPTH).
 */
export function canonicalJson(value: unknown): string | null {
  const parts: string[] = [];
  return write(value, parts, 0) ? parts.join('') : null;
}

function write(value: unknown, out: string[], depth: number): boolean {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    out.push(JSON.stringify(value));
    return true;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return false;
    out.push(JSON.stringify(value));
    return true;
  }
  if (typeof value !== 'object' || depth >= MAX_JSON_DEPTH) return false;
  if (Array.isArray(value)) return writeArray(value, out, depth);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return writeObject(value as Record<string, unknown>, out, depth);
}

function writeArray(value: readonly unknown[], out: string[], depth: number): boolean {
  out.push('[');
  for (let i = 0; i < value.length; i += 1) {
    if (i > 0) out.push(',');
    if (!write(value[i], out, depth + 1)) return false;
  }
  out.push(']');
  return true;
}

function writeObject(value: Record<string, unknown>, out: string[], depth: number): boolean {
  // Object.keys skips symbol keys; those cannot be JSON and would be silently dropped, so refuse them.
  if (Object.getOwnPropertySymbols(value).length > 0) return false;
  const keys = Object.keys(value).sort();
  out.push('{');
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i]!;
    if (i > 0) out.push(',');
    out.push(JSON.stringify(key), ':');
    if (!write(value[key], out, depth + 1)) return false;
  }
  out.push('}');
  return true;
}
