import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBulwarkError } from '../core/errors.js';
import { canonicalize } from './canonical-json.js';

function codeOf(run: () => unknown): unknown {
  try {
    run();
    return undefined;
  } catch (error) {
    return isBulwarkError(error) ? error.code : error;
  }
}

describe('canonicalize', () => {
  it('sorts keys by UTF-16 code units, at every depth, with no whitespace', () => {
    expect(canonicalize({ b: 1, a: [true, null, { z: 'x', é: 2, A: 3 }] })).toBe('{"a":[true,null,{"A":3,"z":"x","é":2}],"b":1}');
    expect(canonicalize({ '\u{1F600}': 1, '\uFF61': 2 })).toBe('{"\u{1F600}":1,"\uFF61":2}');
  });

  it('is insensitive to key insertion order and stable under a JSON round trip', () => {
    fc.assert(
      // Through JSON first, as payloads arrive: that turns -0 (which canonicalize refuses) into 0.
      fc.property(fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown), (value) => {
        const text = canonicalize(value);
        expect(canonicalize(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('refuses what JSON cannot carry exactly, instead of coercing it', () => {
    const bad: unknown[] = [NaN, Infinity, -Infinity, -0, undefined, 1n, () => 1, Symbol('s'), new Date(0), { a: undefined }, [1, , 3], '\uD800', { ['\uDC00']: 1 }];
    bad.forEach((value, i) => expect(codeOf(() => canonicalize(value)), `case ${i}`).toBe('ACCESS_INVALID_PAYLOAD'));
    const deep = JSON.parse('['.repeat(9) + ']'.repeat(9)) as unknown;
    expect(codeOf(() => canonicalize(deep))).toBe('ACCESS_INVALID_PAYLOAD');
  });
});
