import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeptCharacters } from './kept-chars.js';

function counted(text: string): number {
  const kept = new KeptCharacters();
  kept.append(text);
  return kept.keptAfterCursor;
}

describe('KeptCharacters', () => {
  it('counts plain prose one per character, so its hold-back is unchanged', () => {
    const prose = 'Plant tomatoes after the last frost, water them deeply twice a week.';
    expect(counted(prose)).toBe(prose.length);
    const kept = new KeptCharacters();
    kept.append(prose);
    expect(kept.advanceKeeping(10)).toBe(prose.length - 10);
  });

  it('does not count what the normalizer removes', () => {
    const letters = 'XYZZY';
    for (const pad of ['\u200b', '\u2060', '\ufeff', '\u0301', '\u0336', '\u00ad', '\x00', '\x7f', '\u{e0041}', '  ', '\n\n\t']) {
      const padded = Array.from(letters).join(pad.repeat(20));
      expect(counted(padded), JSON.stringify(pad)).toBe(letters.length + (/\s/.test(pad) ? letters.length - 1 : 0));
    }
  });

  it('counts the letters of a text padded anywhere with removable characters as the letters alone (property)', () => {
    const removable = fc.constantFrom('\u200b', '\u200d', '\u2062', '\u0300', '\u034f', '\ufe0f', '\x01', '\x9f', '\u{e0020}');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...'abcWYZ-019'), fc.array(removable, { maxLength: 5 })), { maxLength: 60 }), (parts) => {
        const text = parts.map(([letter, pads]) => letter + pads.join('')).join('');
        expect(counted(text)).toBe(parts.length);
      }),
    );
  });

  it('counts character references and backslash escapes as nothing, even split between deltas', () => {
    for (const escaped of ['&#97;', '&#0000097;', '&#x61;', '&#X10FFFF;', '\\u0061', '\\u{61}', '\\U00000061', '\\x61', '&#8203;']) {
      expect(counted(escaped), escaped).toBe(0);
      const kept = new KeptCharacters();
      for (const ch of escaped) kept.append(ch);
      expect(kept.keptAfterCursor, `${escaped} one character at a time`).toBe(0);
    }
    // What follows a reference counts again; so does what only looks like the start of one.
    expect(counted('&#97;bc')).toBe(2);
    expect(counted('\\u0061bc')).toBe(2);
    expect(counted('&#97bc')).toBe(2);
    expect(counted('\\u00zz')).toBe(2);
    expect(counted('AT&T and C:\\new')).toBe('AT&T and C:\\new'.length - 2);
    // A named reference counts 4 for the 1 character it stands for: within the 5 of the hold-back bound.
    expect(counted('&amp;')).toBe(4);
  });

  it('counts 0x-prefixed hex as its separators alone, the 0 counted out when the x arrives', () => {
    expect(counted('0x61 0x62 0x63')).toBe(2);
    expect(counted('0xf0 0x9d 0x90 0x9a ')).toBe(4);
    expect(counted('0xDEADbeef;')).toBe(1);
    const kept = new KeptCharacters();
    for (const ch of 'ab 0x61') kept.append(ch);
    expect(kept.keptAfterCursor).toBe(3);
    // Prose keeps its count; "10x" counts one less, which only holds back more.
    expect(counted('box of 0 and 10 xylophones')).toBe('box of 0 and 10 xylophones'.length);
    expect(counted('10x faster')).toBe(8);
  });

  it('counts an HTML tag as nothing, and what only looked like one as text, even split between deltas', () => {
    for (const tag of ['<b>', '</b>', '<span class="x y">', '<wbr/>', '<think>']) {
      expect(counted(`an${tag}thrax`), tag).toBe(7);
    }
    for (const prose of ['if (a < b) return', 'x <3 y', 'a<<b', `a<b${'c'.repeat(300)}`, 'List<String', '1 < 2 and 3 > 2']) {
      const kept = new KeptCharacters();
      kept.append(prose);
      kept.append(' end');
      const whole = new KeptCharacters();
      for (const ch of `${prose} end`) whole.append(ch);
      // `a<b ... >` reads as a tag (counted out, which only holds back more); the rest count as typed.
      expect(whole.keptAfterCursor, prose).toBe(kept.keptAfterCursor);
    }
    expect(counted('if (a < b) return')).toBe('if (a < b) return'.length);
    expect(counted(`a<b${'c'.repeat(300)}`)).toBe(303);
    expect(counted('1 < 2 and 3 > 2')).toBe(15);
    // Nothing after a `<` is released while it may still open a tag.
    const held = new KeptCharacters();
    held.append(`abc<span ${'x'.repeat(100)}`);
    expect(held.advanceKeeping(1)).toBe(2);
  });

  it('counts the same however the text is split into deltas (property)', () => {
    const piece = fc.constantFrom('a', 'B', '0', 'x', ' ', '  ', '<', '>', '/', '<b>', '</b>', '<span class="q">', '&#97;', '&', '#', ';', '\\', 'u', '0x6', '%', '\u200b', '\u0301', '\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), fc.array(fc.nat(), { maxLength: 8 }), (pieces, cuts) => {
        const text = pieces.join('');
        const whole = new KeptCharacters();
        whole.append(text);
        const split = new KeptCharacters();
        const at = [...new Set(cuts.map((n) => n % (text.length + 1)))].sort((a, b) => a - b);
        let from = 0;
        for (const to of [...at, text.length]) {
          split.append(text.slice(from, to));
          from = to;
        }
        expect(split.keptAfterCursor).toBe(whole.keptAfterCursor);
        expect(split.advanceKeeping(3)).toBe(whole.advanceKeeping(3));
      }),
    );
  });

  it('stops the cursor right after a counted character, and moves it in amortized constant time', () => {
    const kept = new KeptCharacters();
    kept.append(`ab${'\u200b'.repeat(100_000)}`);
    expect(kept.advanceKeeping(1)).toBe(1);
    for (let i = 0; i < 1_000; i += 1) kept.append('\u200b'.repeat(100));
    expect(kept.advanceKeeping(1)).toBe(1);
    kept.append('c');
    expect(kept.advanceKeeping(1)).toBe(2);
    expect(kept.keptAfterCursor).toBe(1);
  });
});
