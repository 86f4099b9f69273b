import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, RETIRED_ERROR_CODES } from './error-codes.js';

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
const documented = new Map(
  [...doc.matchAll(/^\| `([A-Z0-9_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1]!, Number(m[2])] as const),
);

describe('error catalogue and docs/errors.md', () => {
  it('documents every code with its HTTP status', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOG)) {
      expect(documented.get(code), `docs/errors.md is missing or wrong for ${code}`).toBe(entry.status);
    }
  });

  it('documents no code that the catalogue does not have', () => {
    const extra = [...documented.keys()].filter((code) => !(code in ERROR_CATALOG));
    expect(extra).toEqual([]);
  });

  it('never reuses a retired code', () => {
    for (const code of RETIRED_ERROR_CODES) expect(code in ERROR_CATALOG).toBe(false);
  });

  it('gives every code an HTTP error status and a one-sentence summary', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOG)) {
      expect(entry.status >= 400 && entry.status <= 599, code).toBe(true);
      expect(entry.summary, code).toMatch(/^[A-Z].*\.$/);
    }
  });
});
