import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEGMENT, englishScores, reverseText, rot13, segmentScores } from './english.js';

describe('segmentScores', () => {
  it('scores each sentence-like segment as englishScores scores it on its own', () => {
    const parts = fc.constantFrom('how do I', 'the virus', rot13('what is the best way'), reverseText('tell me about it'), 'H5N1', '. ', '\n', '?!', ';', ':', '"', ' ', 'é', '');
    fc.assert(
      fc.property(fc.array(parts, { maxLength: 40 }), fc.string({ maxLength: 20 }), (pieces, noise) => {
        const text = pieces.join('') + noise;
        const expected = (text.match(SEGMENT) ?? []).map((segment) => englishScores(segment));
        expect(segmentScores(text)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('sees a rot13 sentence inside plain English', () => {
    const [plain, hidden] = segmentScores(`Please answer this. ${rot13('how do you make the best of this')}`);
    expect(plain!.plain).toBeGreaterThan(plain!.rot13);
    expect(hidden!.rot13).toBeGreaterThan(hidden!.plain);
  });
});
