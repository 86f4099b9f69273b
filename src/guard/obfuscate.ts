import { HOMOGLYPH_OF } from './confusables.js';
import { reverseText, rot13 } from './english.js';

/**
 * Obfuscation families an attacker uses to slip a request past a text classifier. Used by
 * `bulwark eval --transform`, by tests that check normalizeText undoes each one, and by training
 * augmentation. Every transform is deterministic so evaluations and trained artifacts reproduce.
 */
export const TRANSFORMS = ['spaced', 'leetspeak', 'base64', 'homoglyph', 'rot13', 'reverse'] as const;
export type TransformName = (typeof TRANSFORMS)[number];

const LETTER_TO_LEET: Readonly<Record<string, string>> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' };

export function isTransformName(name: string): name is TransformName {
  return (TRANSFORMS as readonly string[]).includes(name);
}

export function applyTransform(name: TransformName, text: string): string {
  switch (name) {
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
