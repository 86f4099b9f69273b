import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EncodedRunTracker, MIN_DENSE_CHARS, MIN_HEX_PAIRS } from './encoded-run.js';

function openStart(...deltas: string[]): number | null {
  const tracker = new EncodedRunTracker();
  for (const delta of deltas) tracker.append(delta);
  return tracker.openRunStart();
}

describe('EncodedRunTracker', () => {
  const prose = 'Water the tomatoes deeply twice a week, and stake them early; internationalization aside. ';

  it('finds a base64, hex or percent run the output ends in, from its first character', () => {
    const base64 = Buffer.from('grow tomatoes on a sunny balcony').toString('base64');
    expect(openStart(prose, base64)).toBe(prose.length);
    expect(openStart(prose, Buffer.from('grow tomatoes').toString('hex'))).toBe(prose.length);
    expect(openStart(prose, '%47%52%4F%57%20%54%4F%4D%41%54%4F')).toBe(prose.length);
    expect(openStart(prose, '58 59 5a 5a 59 2d 43 41 4e')).toBe(prose.length);
    expect(openStart(prose, '58:59:5a:5a:59:2d:43:41')).toBe(prose.length);
  });

  it('lets go once the run ends, and ignores runs too short to matter', () => {
    const base64 = Buffer.from('grow tomatoes on a sunny balcony').toString('base64');
    expect(openStart(prose, base64, ' and then')).toBeNull();
    expect(openStart(prose, 'x'.repeat(MIN_DENSE_CHARS - 1))).toBeNull();
    expect(openStart(prose, 'x'.repeat(MIN_DENSE_CHARS))).toBe(prose.length);
    expect(openStart(prose, '58 '.repeat(MIN_HEX_PAIRS - 1))).toBeNull();
    expect(openStart(prose, '58 '.repeat(MIN_HEX_PAIRS))).toBe(prose.length);
    // Two separators in a row, or a lone digit, end a hex-pair run.
    expect(openStart(prose, '58 59 5a  5a 59 2d 43 41 4e')).toBeNull();
    expect(openStart(prose, '58 59 5 5a 59 2d 43 41 4e 41')).toBeNull();
  });

  it('never holds English prose', () => {
    const words = fc.constantFrom('the', 'a', 'be', 'ad', 'cafe', 'tomato', 'water', 'deeply', 'internationalization', 'co-operate', '2026', 'e.g.', 'and/or');
    fc.assert(
      fc.property(fc.array(words, { minLength: 1, maxLength: 60 }), fc.constantFrom(' ', '\n', ', ', '. '), (list, separator) => {
        expect(openStart(list.join(separator))).toBeNull();
      }),
    );
  });

  it('does not depend on how the output is cut into deltas', () => {
    const text = `${prose}${Buffer.from('grow tomatoes').toString('hex')} and ${Buffer.from('on a balcony, 𝐗 marks').toString('base64')}`;
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(text.length), { maxLength: 20 }), fc.nat(text.length), (cuts, end) => {
        const upTo = text.slice(0, end);
        const offsets = [0, ...cuts.filter((c) => c < end).sort((a, b) => a - b), end];
        const deltas = offsets.slice(1).map((o, i) => upTo.slice(offsets[i], o));
        expect(openStart(...deltas)).toBe(openStart(upTo));
      }),
    );
  });
});
