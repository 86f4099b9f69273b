import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Segments, decodeHexSegments, scanEncodingHints } from './decode-segments.js';

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

describe('decoding a run cut out of a longer one', () => {
  const plain = 'Water the tomatoes deeply twice a week and stake them early in the season. 𝐗 marks the spot.';

  it('decodes base64 whatever offset into its 4-character groups the cut starts and ends at', () => {
    const encoded = Buffer.from(plain).toString('base64');
    for (let start = 0; start < 8; start += 1) {
      for (const end of [encoded.length, encoded.length - 1, encoded.length - 2, encoded.length - 3]) {
        const { text, changed } = decodeBase64Segments(`before ${encoded.slice(start, end)} after`);
        expect(changed, `cut ${start}..${end}`).toBe(true);
        // At most the first and last few characters are lost to the cut.
        expect(text).toContain('tomatoes deeply twice a week');
      }
    }
  });

  it('decodes unseparated hex that starts on the second digit of a pair', () => {
    const hex = Buffer.from(plain).toString('hex');
    for (const start of [0, 1, 2, 3]) expect(decodeHexSegments(`x ${hex.slice(start)} y`).text).toContain('tomatoes deeply');
  });

  it('still leaves identifiers, hashes and long words alone', () => {
    for (const text of ['id 3f9a7c2e5b1d4f6a8c0e2b4d6f8a0c2e ok', 'key sk_live_51HqLyjWDarjtT1zdp7dcXQ2 ok', 'ticket 7Hq2ZpL9xW4mRt8vK3nB ok', 'antidisestablishmentarianism', 'sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']) {
      expect(decodeBase64Segments(text).changed || decodeHexSegments(text).changed, text).toBe(false);
    }
  });

  it('decodes a layer whose text is another encoding (base64 of hex), for the next round to read', () => {
    const hex = Buffer.from('grow tomatoes').toString('hex').replace(/../g, '$& ').trim();
    expect(decodeBase64Segments(Buffer.from(hex).toString('base64')).text.trim()).toBe(hex);
  });
});
