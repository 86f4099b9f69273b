import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanEncodingHints } from './decode-segments.js';

// What each hint means, written as plain regular expressions.
const BASE64_RUN = /[A-Za-z0-9+/_-]{16}/;
const HEX_RUN = /[0-9A-Fa-f :\\x]{16}/;
const LEET_PAIR = /(?=[A-Za-z][013-57-9@$]|[013-57-9@$][A-Za-z])/g;

describe('scanEncodingHints', () => {
  it('agrees with the regular-expression meaning of every hint', () => {
    // Runs of characters from one class, 1 to 18 long, so runs end just short of 16 and just past it.
    const classes = ['09afx\\: ', 'Zq+/_-09af', 'h3ll0', '%@$26.é\n'];
    const run = fc.tuple(fc.constantFrom(...classes), fc.integer({ min: 1, max: 18 }), fc.nat(10));
    fc.assert(
      fc.property(fc.array(run, { maxLength: 6 }), fc.string({ maxLength: 8 }), (runs, noise) => {
        const text = runs.map(([chars, n, shift]) => Array.from({ length: n }, (_, i) => chars[(i + shift) % chars.length]).join('')).join('') + noise;
        expect(scanEncodingHints(text)).toEqual({
          base64: BASE64_RUN.test(text),
          hex: HEX_RUN.test(text),
          url: text.includes('%'),
          leetPairs: Math.min(2, text.match(LEET_PAIR)?.length ?? 0),
        });
      }),
      { numRuns: 1000 },
    );
  });
});
