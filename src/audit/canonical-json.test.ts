import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, MAX_JSON_DEPTH } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ z: null, y: 'é' }], c: { e: true, d: -0.5 } })).toBe('{"a":[{"y":"é","z":null}],"b":1,"c":{"d":-0.5,"e":true}}');
  });

  it('gives the same bytes for any key order, and parses back to an equal value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(text).not.toBeNull();
        const reordered = JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v)));
        expect(canonicalJson(reordered)).toBe(text);
        expect(canonicalJson(JSON.parse(text!))).toBe(text);
      }),
    );
  });

  it('refuses what is not plain JSON', () => {
    const deep = Array.from({ length: MAX_JSON_DEPTH + 1 }).reduce<unknown>((inner) => [inner], 0);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const bad of [undefined, Number.NaN, Infinity, 1n, () => 1, Symbol('s'), new Date(0), new Map(), { a: undefined }, deep, cyclic]) {
      expect(canonicalJson(bad)).toBeNull();
    }
  });
});
