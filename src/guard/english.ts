/**
 * A cheap English-likeness score used to decide whether rot13 or reversed text should be decoded.
 * It is the share of words that are among the most common English function words: plain English
 * prose scores ~0.3-0.6, its rot13 or reversal scores ~0 because function words stop being words.
 * The rot13 and reversed scores are computed in the same pass from pre-transformed word lists, so
 * judging a text costs one scan and no decoded copy.
 */
import { CodeUnits } from './code-units.js';

const COMMON = (
  'the of and to a in is it you that he was for on are with as i his they be at one have this from ' +
  'or had by not word but what some we can out other were all there when up use your how said an ' +
  'each she which do their time if will way about many then them write would like so these her ' +
  'long make thing see him two has look more day could go come did my no most who over know than ' +
  'call first may down side been now find any new work part take get made where after back only ' +
  'our under why give us very through just also around another should well because does me ' +
  'such here its those both same while must into between during before without against used ' +
  'please explain describe tell list provide step steps detailed help need want using best ' +
  'possible following effective common important primary main role'
).split(' ')
  // One-letter words are dropped: "i" and "a" read the same reversed, so they cannot tell the two apart.
  .filter((word) => word.length > 1);

// Word hash -> which readings make it a common word (1 as written, 2 after rot13, 4 reversed).
// Hashing while scanning avoids allocating a string per word; a collision only nudges a score.
const PLAIN = 1;
const ROT13 = 2;
const REVERSED = 4;
// Open addressing over typed arrays: this lookup runs once per word of every input, and a Map with
// number keys costs several times more than two array reads.
const TABLE_SIZE = 2048;
const TABLE_MASK = TABLE_SIZE - 1;
const TABLE_KEYS = new Int32Array(TABLE_SIZE);
const TABLE_FLAGS = new Uint8Array(TABLE_SIZE);
for (const word of COMMON) {
  for (const [form, flag] of [[word, PLAIN], [rot13(word), ROT13], [reverseText(word), REVERSED]] as const) {
    const h = wordHash(form) | 0;
    let slot = h & TABLE_MASK;
    while (TABLE_FLAGS[slot] !== 0 && TABLE_KEYS[slot] !== h) slot = (slot + 1) & TABLE_MASK;
    TABLE_KEYS[slot] = h;
    TABLE_FLAGS[slot] = TABLE_FLAGS[slot]! | flag;
  }
}

function readingFlags(h: number): number {
  let slot = h & TABLE_MASK;
  for (;;) {
    const flags = TABLE_FLAGS[slot]!;
    if (flags === 0) return 0;
    if (TABLE_KEYS[slot] === h) return flags;
    slot = (slot + 1) & TABLE_MASK;
  }
}

function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i += 1) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h;
}

/** Segments with fewer words than this are too short to judge reliably and are left alone. */
export const MIN_WORDS_TO_JUDGE = 3;

export interface EnglishScores {
  readonly words: number;
  /** Counts of common words as written, after rot13, and after reversal. */
  readonly plain: number;
  readonly rot13: number;
  readonly reversed: number;
}

/** Scores text[start, end): words are runs of ASCII letters, compared case-insensitively. */
export function englishScores(text: string, start = 0, end = text.length): EnglishScores {
  return scoreRange(units.of(text), start, end, false)[0]!;
}

/**
 * Sentence-like segments, the unit rot13 and reversal are judged and applied on: runs between
 * newlines, sentence punctuation and double quotes. `isSegmentBreak` is the same set as code units.
 */
export const SEGMENT = /[^\n.!?;:"]+/g;

function isSegmentBreak(c: number): boolean {
  return c === 10 || c === 46 || c === 33 || c === 63 || c === 59 || c === 58 || c === 34;
}

/**
 * englishScores of every non-empty segment of `text`, in order, from one pass over its code units
 * (judging a long prompt segment by segment would otherwise read it twice).
 */
export function segmentScores(text: string): EnglishScores[] {
  return scoreRange(units.of(text), 0, text.length, true);
}

const units = new CodeUnits();

/** One pass over codes[start, end): a score per non-empty segment, or one for the whole range. */
function scoreRange(codes: Uint16Array, start: number, end: number, bySegment: boolean): EnglishScores[] {
  const out: EnglishScores[] = [];
  let words = 0;
  let plain = 0;
  let rotated = 0;
  let reversed = 0;
  let segmentStart = start;
  for (let i = start; i < end; ) {
    let c = codes[i]! | 32;
    if (c >= 97 && c <= 122) {
      // A whole word per inner loop: one hard-to-predict branch per word, not one per character.
      let h = 0x811c9dc5;
      do {
        h = Math.imul(h ^ c, 0x01000193);
        i += 1;
      } while (i < end && (c = codes[i]! | 32) >= 97 && c <= 122);
      const flags = readingFlags(h);
      words += 1;
      plain += flags & PLAIN;
      rotated += (flags & ROT13) >> 1;
      reversed += (flags & REVERSED) >> 2;
      continue;
    }
    if (bySegment && isSegmentBreak(codes[i]!)) {
      if (i > segmentStart) out.push({ words, plain, rot13: rotated, reversed });
      words = 0;
      plain = 0;
      rotated = 0;
      reversed = 0;
      segmentStart = i + 1;
    }
    i += 1;
  }
  if (end > segmentStart || !bySegment) out.push({ words, plain, rot13: rotated, reversed });
  return out;
}

export function rot13(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) out += String.fromCharCode(((c - 65 + 13) % 26) + 65);
    else if (c >= 97 && c <= 122) out += String.fromCharCode(((c - 97 + 13) % 26) + 97);
    else out += text[i];
  }
  return out;
}

/** Reverses by code point so astral characters stay intact. */
export function reverseText(text: string): string {
  return Array.from(text).reverse().join('');
}
