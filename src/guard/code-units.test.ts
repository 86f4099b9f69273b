import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodeUnits } from './code-units.js';

const charCodes = (text: string): number[] => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

describe('CodeUnits', () => {
  it('gives exactly the code units charCodeAt gives, lone surrogates and astral characters included', () => {
    const units = new CodeUnits();
    for (const text of ['', 'plain ascii', 'café Straße İ', '\uD800 lone \uDC00', 'emoji 🙂 and \u0000 nul']) {
      expect([...units.of(text).subarray(0, text.length)]).toEqual(charCodes(text));
    }
  });

  it('grows for long texts and stays exact when reused for a shorter one', () => {
    const units = new CodeUnits();
    const long = 'x'.repeat(5000) + 'y';
    expect(units.of(long)[5000]).toBe(0x79);
    expect([...units.of('short').subarray(0, 5)]).toEqual(charCodes('short'));
  });

  it('matches charCodeAt on arbitrary strings', () => {
    const units = new CodeUnits();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), (text) => {
        expect([...units.of(text).subarray(0, text.length)]).toEqual(charCodes(text));
      }),
      { numRuns: 200 },
    );
  });
});
