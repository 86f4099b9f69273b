/**
 * Decoders for encoded segments inside a prompt (base64, hex, percent-encoding). Input is
 * attacker-controlled: every pattern here is linear (no nested quantifiers over overlapping
 * classes), each decode only shrinks text, and a segment is replaced only when what it decodes to
 * is printable text, so random identifiers, hashes and long words are left as they are.
 */
import { CodeUnits } from './code-units.js';
import { CONTROL_CLASS, INVISIBLE_CLASS } from './removed-characters.js';

/** A run long enough to hide a word or more; shorter runs are usually ids or real words. */
const BASE64_RUN = /[A-Za-z0-9+/_-]{16,}={0,2}/g;
const HEX_RUN = /(?:\\x|0x)?[0-9A-Fa-f]{2}(?:[ :]?(?:\\x|0x)?[0-9A-Fa-f]{2}){7,}/g;
const URL_RUN = /[^\s%]*(?:%[0-9A-Fa-f]{2}[^\s%]*){3,}/g;
const HEX_DIGITS = /[0-9A-Fa-f]{2}/g;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decoded bytes count as text when they are valid UTF-8, contain letters, and almost every
 * character is a letter, digit, space or common punctuation (binary noise fails this quickly).
 */
export function asPrintableText(bytes: Uint8Array): string | undefined {
  if (bytes.length < 4) return undefined;
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return undefined;
  }
  let letters = 0;
  let bad = 0;
  // Characters, not UTF-16 code units: a text of astral letters (mathematical bold) is all letters.
  let characters = 0;
  // Text written in character references (base64 over `&#97;&#110;…`) is judged by what it spells.
  const spelled = mayHoldEscapes(text) ? decodeEscapes(text, true).text : text;
  if (spelled.length === 0) return undefined;
  for (const ch of spelled) {
    characters += 1;
    const c = ch.codePointAt(0) ?? 0;
    // Digits count with letters: the decoded text may be another layer of encoding (hex, base64), which
    // the next decode round reads.
    if (/[\p{L}\p{N}]/u.test(ch)) letters += 1;
    else if (c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) bad += 1;
    else if (c === 0x7f || c === 0xfffd) bad += 1;
  }
  if (bad > 0 || letters < characters * 0.5) return undefined;
  return text;
}

function decodeBase64Run(run: string): string | undefined {
  const body = run.replace(/=+$/, '');
  const urlSafe = /[-_]/.test(body);
  if (urlSafe && /[+/]/.test(body)) return undefined;
  const encoding = urlSafe ? 'base64url' : 'base64';
  // A whole base64 body never has length 1 mod 4; such runs are words or identifiers.
  const whole = body.length % 4 === 1 ? undefined : asPrintableText(Buffer.from(body, encoding));
  if (whole !== undefined) return whole;
  // A run cut out of a longer one (a stream check's window, a classifier window, a chunk) starts at
  // any of four offsets into its 4-character groups, and decoded from the wrong one it is noise: an
  // answer written as one long base64 run would pass every check but the first. Each offset is tried,
  // and the bytes are cut to whole UTF-8 characters (the cut may fall inside one).
  for (let offset = 0; offset < 4; offset += 1) {
    const aligned = body.slice(offset, body.length - ((body.length - offset) % 4));
    if (aligned.length < RUN_TO_DECODE) break;
    const text = asPrintableText(wholeCharacters(Buffer.from(aligned, encoding)));
    if (text !== undefined) return text;
  }
  return undefined;
}

function decodeHexRun(run: string): string | undefined {
  const plain = run.replace(/\\x|0x/g, '');
  const digits = plain.match(HEX_DIGITS);
  if (digits === null) return undefined;
  const whole = asPrintableText(Uint8Array.from(digits, (d) => Number.parseInt(d, 16)));
  if (whole !== undefined || !/^[0-9A-Fa-f]+$/.test(plain)) return whole;
  // Unseparated hex cut out of a longer run may start on the second digit of a pair (see above).
  const shifted = plain.slice(1).match(HEX_DIGITS);
  return shifted === null ? undefined : asPrintableText(wholeCharacters(Uint8Array.from(shifted, (d) => Number.parseInt(d, 16))));
}

/** Drops a partial UTF-8 character at either end of bytes cut out of a longer text. */
function wholeCharacters(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < Math.min(3, bytes.length) && (bytes[start]! & 0xc0) === 0x80) start += 1;
  let end = bytes.length;
  // Back from the end to the last lead byte: keep it only if its character is complete.
  for (let back = 1; back <= Math.min(4, end - start); back += 1) {
    const b = bytes[end - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const needs = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (needs > back) end -= back;
    break;
  }
  return bytes.subarray(start, end);
}

function decodeUrlRun(run: string): string | undefined {
  try {
    const text = decodeURIComponent(run.replace(/\+/g, ' '));
    return text === run ? undefined : text;
  } catch {
    return undefined;
  }
}

export interface SegmentDecode {
  readonly text: string;
  readonly changed: boolean;
}

function replaceRuns(text: string, pattern: RegExp, decode: (run: string) => string | undefined): SegmentDecode {
  let changed = false;
  const out = text.replace(pattern, (run) => {
    const decoded = decode(run);
    if (decoded === undefined) return run;
    changed = true;
    return ` ${decoded} `;
  });
  return { text: changed ? out : text, changed };
}

/** What a single linear pre-scan found; decoders whose hint is false are skipped. */
export interface EncodingHints {
  readonly hex: boolean;
  readonly base64: boolean;
  readonly url: boolean;
  /** Letters next to leet digits, counted up to 2. */
  readonly leetPairs: number;
}

const RUN_TO_DECODE = 16;

// Character classes of ASCII code units, one table read per character instead of a dozen compares.
const IN_BASE64_RUN = 1; // letters, digits, + / _ -
const IN_HEX_RUN = 2; // hex digits, space, colon, backslash and the x of \x / 0x
const LETTER = 4;
const LEET_SIGN = 8; // digits that stand for letters (not 2 or 6), @ and $
const PERCENT = 16;
const ASCII_CLASS = Uint8Array.from({ length: 128 }, (_, c) => {
  const digit = c >= 48 && c <= 57;
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  const hexDigit = digit || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
  return (
    (digit || letter || c === 43 || c === 47 || c === 95 || c === 45 ? IN_BASE64_RUN : 0) |
    (hexDigit || c === 32 || c === 58 || c === 92 || c === 120 ? IN_HEX_RUN : 0) |
    (letter ? LETTER : 0) |
    ((digit && c !== 50 && c !== 54) || c === 64 || c === 36 ? LEET_SIGN : 0) |
    (c === 37 ? PERCENT : 0)
  );
});
const units = new CodeUnits();

/**
 * One pass with no branches on the characters themselves (plain prose alternates letters and
 * spaces, which the branch predictor cannot learn): runs restart by multiplying by 0, a run's
 * length reaching RUN_TO_DECODE sets a bit, and a letter next to a leet sign counts 1.
 */
export function scanEncodingHints(text: string): EncodingHints {
  const codes = units.of(text);
  let base64Run = 0;
  let hexRun = 0;
  let seen = 0;
  let leetPairs = 0;
  let previousKind = 0; // LETTER or LEET_SIGN, 0 for anything else
  for (let i = 0; i < text.length; i += 1) {
    const c = codes[i]!;
    const cls = ASCII_CLASS[c < 128 ? c : 0]!;
    base64Run = (base64Run + 1) * (cls & IN_BASE64_RUN);
    hexRun = (hexRun + 1) * ((cls & IN_HEX_RUN) >> 1);
    seen |= ((RUN_TO_DECODE - 1 - base64Run) >>> 31) * IN_BASE64_RUN;
    seen |= ((RUN_TO_DECODE - 1 - hexRun) >>> 31) * IN_HEX_RUN;
    seen |= cls & PERCENT;
    const kind = cls & (LETTER | LEET_SIGN);
    // (LETTER | LEET_SIGN) + 4 is the only value of kind | previousKind that reaches 16.
    leetPairs += ((kind | previousKind) + 4) >> 4;
    previousKind = kind;
  }
  return { hex: (seen & IN_HEX_RUN) !== 0, base64: (seen & IN_BASE64_RUN) !== 0, url: (seen & PERCENT) !== 0, leetPairs: Math.min(2, leetPairs) };
}

export function decodeHexSegments(text: string): SegmentDecode {
  return replaceRuns(text, HEX_RUN, decodeHexRun);
}

export function decodeBase64Segments(text: string): SegmentDecode {
  return replaceRuns(text, BASE64_RUN, decodeBase64Run);
}

export function decodeUrlSegments(text: string): SegmentDecode {
  return replaceRuns(text, URL_RUN, decodeUrlRun);
}

/**
 * Character references and escape sequences written in place of letters: HTML numeric references
 * (`&#97;`, `&#x61;`), the named references text is commonly escaped with, and the backslash escapes
 * of JSON, JavaScript, Python and C (`\u0061`, `\u{61}`, `\U00000061`, `\x61`). "&#97;nthrax" or a
 * request written wholly in `\u` escapes read as nothing to the tokenizer and as plain text to a model.
 * Each reference is replaced where it stands (it is part of a word, unlike a base64 run). What decodes
 * to a control or invisible character is dropped: decoding must not re-split the words it joins.
 */
const ESCAPE = /&#[xX]([0-9A-Fa-f]{1,6});?|&#([0-9]{1,7});?|&(amp|lt|gt|quot|apos|nbsp);|\\u\{([0-9A-Fa-f]{1,6})\}|\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})|\\x([0-9A-Fa-f]{2})/g;
/** Cheap test for the common case: no `&#`, named reference or backslash escape anywhere. */
const MAY_HOLD_ESCAPE = /&#|&(?:amp|lt|gt|quot|apos|nbsp);|\\[uUx]/;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
// C0/C1 controls other than whitespace, and the invisible formatting characters normalize.ts removes.
const DROPPED_WHEN_DECODED = new RegExp(`^[${CONTROL_CLASS}${INVISIBLE_CLASS}]$`);

export function mayHoldEscapes(text: string): boolean {
  return MAY_HOLD_ESCAPE.test(text);
}

/**
 * `withByteEscapes: false` leaves `\x` alone: a run of eight or more is hex (decodeHexSegments, which
 * also reads multi-byte UTF-8), and only the `\x` left after it are single characters.
 */
export function decodeEscapes(text: string, withByteEscapes: boolean): SegmentDecode {
  let changed = false;
  const out = text.replace(ESCAPE, (whole, hexRef?: string, decRef?: string, named?: string, braced?: string, u4?: string, u8?: string, x2?: string) => {
    if (x2 !== undefined && !withByteEscapes) return whole;
    if (named !== undefined) {
      changed = true;
      return NAMED[named]!;
    }
    const hex = hexRef ?? braced ?? u8 ?? x2;
    const code = hex !== undefined ? Number.parseInt(hex, 16) : decRef !== undefined ? Number.parseInt(decRef, 10) : Number.parseInt(u4!, 16);
    // \uXXXX is a UTF-16 code unit (a surrogate pair is two escapes); the others are code points.
    const decoded = u4 !== undefined ? String.fromCharCode(code) : code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
    if (decoded === undefined) return whole;
    changed = true;
    return DROPPED_WHEN_DECODED.test(decoded) ? '' : decoded;
  });
  return { text: changed ? out : text, changed };
}
