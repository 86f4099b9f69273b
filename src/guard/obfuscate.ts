import { HOMOGLYPH_OF } from './confusables.js';
import { reverseText, rot13 } from './english.js';

/**
 * Obfuscation families an attacker uses to slip a request past a text classifier. Used by
 * `bulwark eval --transform`, by tests that check normalizeText undoes each one, by training
 * augmentation and by the promotion gate. Every transform is deterministic so evaluations and trained
 * artifacts reproduce.
 */
export const TRANSFORMS = ['spaced', 'leetspeak', 'base64', 'homoglyph', 'rot13', 'reverse'] as const;
/**
 * Families the normalizer undoes but the shipped model was not trained on and the promotion gate does
 * not check (adding them there would change the trained artifact and every gate's figures): measured
 * with `bulwark eval --transform`. `entities`: every character as an HTML decimal reference; `escapes`:
 * every character as a `\uXXXX` escape; `combining`: a combining mark after every letter (Zalgo);
 * `dotted`: the letters of every word of four or more joined by dots ("a.n.t.h.r.a.x"); `doubled`:
 * every letter and digit written twice ("aanntthhrraaxx"); `tagged`: an empty `<b></b>` in the middle of
 * every word of four or more letters ("anth<b></b>rax").
 */
export const EVAL_ONLY_TRANSFORMS = ['entities', 'escapes', 'combining', 'dotted', 'doubled', 'tagged'] as const;
export const EVAL_TRANSFORMS = [...TRANSFORMS, ...EVAL_ONLY_TRANSFORMS] as const;
export type TransformName = (typeof TRANSFORMS)[number];
export type EvalTransformName = (typeof EVAL_TRANSFORMS)[number];

const LETTER_TO_LEET: Readonly<Record<string, string>> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' };

export function isTransformName(name: string): name is EvalTransformName {
  return (EVAL_TRANSFORMS as readonly string[]).includes(name);
}

const COMBINING_MARKS = ['\u0301', '\u0336', '\u0308', '\u0323', '\u030a'];

export function applyTransform(name: EvalTransformName, text: string): string {
  switch (name) {
    case 'entities':
      return Array.from(text, (ch) => `&#${ch.codePointAt(0)};`).join('');
    case 'escapes':
      // One \u escape per UTF-16 code unit, as JSON writes them (a surrogate pair is two).
      return Array.from({ length: text.length }, (_, i) => `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
    case 'combining':
      return Array.from(text, (ch, i) => (/\p{L}/u.test(ch) ? ch + COMBINING_MARKS[i % COMBINING_MARKS.length]! : ch)).join('');
    case 'dotted':
      return text
        .split(' ')
        .map((w) => (/^\p{L}{4,}/u.test(w) ? Array.from(w).join('.') : w))
        .join(' ');
    case 'tagged':
      return text.replace(/\p{L}{4,}/gu, (w) => `${w.slice(0, w.length >> 1)}<b></b>${w.slice(w.length >> 1)}`);
    case 'doubled':
      return Array.from(text, (ch) => (/[\p{L}\p{N}]/u.test(ch) ? ch + ch : ch)).join('');
    case 'spaced':
      // Letters one space apart, words two spaces apart: "h o w  t o".
      return text
        .split(/\s+/)
        .filter((w) => w.length > 0)
        .map((w) => Array.from(w).join(' '))
        .join('  ');
    case 'leetspeak':
      return Array.from(text, (ch) => LETTER_TO_LEET[ch.toLowerCase()] ?? ch).join('');
    case 'base64':
      return Buffer.from(text, 'utf8').toString('base64');
    case 'homoglyph':
      return Array.from(text, (ch) => HOMOGLYPH_OF.get(ch) ?? ch).join('');
    case 'rot13':
      return rot13(text);
    case 'reverse':
      return reverseText(text);
  }
}
