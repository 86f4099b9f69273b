import { BulwarkError } from '../core/errors.js';

/**
 * Rows are read back defensively: the two drivers return different shapes for the same column
 * (bigint as string, jsonb pre-parsed, booleans as 0/1), and a row written by another version of
 * Bulwark must fail loudly rather than leak a wrongly typed value into a decision path.
 */
function invalid(column: string): BulwarkError {
  return new BulwarkError('INTERNAL', `Stored value in column ${column} has an unexpected shape.`);
}

export function toEpochMs(value: number | string | bigint, column: string): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw invalid(column);
  return n;
}

export function toNullableEpochMs(value: number | string | bigint | null, column: string): number | null {
  return value === null ? null : toEpochMs(value, column);
}

export function toBoolean(value: unknown, column: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  throw invalid(column);
}

function parseJson(value: unknown, column: string): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw invalid(column);
  }
}

export function toJsonObject(value: unknown, column: string): Record<string, unknown> {
  const parsed = parseJson(value, column);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid(column);
  return parsed as Record<string, unknown>;
}

export function toStringArray(value: unknown, column: string): string[] {
  const parsed = parseJson(value, column);
  if (!Array.isArray(parsed)) throw invalid(column);
  return parsed.map((item: unknown) => {
    if (typeof item !== 'string') throw invalid(column);
    return item;
  });
}

export function toNumberRecord(value: unknown, column: string): Record<string, number> {
  const parsed = parseJson(value, column);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid(column);
  // A null-prototype copy so a stored "__proto__" key stays data.
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const [key, score] of Object.entries(parsed)) {
    if (typeof score !== 'number') throw invalid(column);
    out[key] = score;
  }
  return out;
}

export function toOneOf<T extends string>(value: string, allowed: readonly T[], column: string): T {
  const match = allowed.find((a) => a === value);
  if (match === undefined) throw invalid(column);
  return match;
}
