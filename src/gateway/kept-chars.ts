import { CONTROL_CLASS, INVISIBLE_CLASS } from '../guard/removed-characters.js';

/**
 * Counts output characters the way the hold-back bound needs them: characters the normalizer removes
 * (controls, zero-width and other invisible formatting characters, Unicode tag characters, combining
 * marks) count 0, as do HTML tags (the normalizer removes inline ones inside words; see `take`), and
 * of a run of whitespace only the first counts, since normalized text has one space for the run. Plain
 * prose counts one per UTF-16 code unit, so this changes nothing for it; a rule's letters padded with
 * thousands of invisible characters count as the letters alone, so they cannot outrun the hold-back.
 * Character references and backslash escapes (`&#97;`, `&#x61;`, `\u0061`, `\u{61}`, `\U00000061`,
 * `\x61`) count 0 too, whatever they stand for: a rule written in them cannot outrun the hold-back, and
 * neither can `&#8203;` padding. Only `&` or `\` and the characters a reference's syntax allows are
 * counted out, decided as they arrive (a reference split across two deltas is still recognized).
 * `0x`-prefixed hex counts 0 as well, prefix and digits (the `0` is counted out again when the `x`
 * arrives: a character still at the end of the text is never released), so `0xf0 0x9d 0x90 0x9a`, one
 * 4-byte letter, counts its separators alone.
 * Counting too few is the safe error (more is held back): every combining mark counts 0 though the
 * normalizer keeps some, `&` and `\` count 0 wherever they stand, and a surrogate pair counts 1.
 */
// Every character the normalizer removes, and any other mark, control or format character besides.
const DROPPED_NON_ASCII = new RegExp(`^[\\p{M}\\p{Cc}\\p{Cf}${CONTROL_CLASS}${INVISIBLE_CLASS}]$`, 'u');
const WHITESPACE = /^\s$/;

// Where in a reference or escape the text is (see inEscape).
const NONE = 0;
const AMPERSAND = 1; // after &
const HASH = 2; // after &#
const DECIMAL_REF = 3; // in the digits of &#NNN;
const HEX_REF = 4; // in the digits of &#xHH;
const BACKSLASH = 5; // after \
const U_ESCAPE = 6; // after \u: four hex digits or {
const BRACED = 7; // in the digits of \u{HH}
const FIXED_HEX = 8; // in the digits of \UHHHHHHHH or \xHH
const PREFIXED_HEX = 9; // after 0x, in its digits

/** Longest HTML tag counted out, `<` and `>` included (the normalizer removes at most 254). */
export const MAX_TAG_CHARS = 256;
const TAG_GOES_ON = 0;
const TAG_CLOSED = 1;
const NOT_A_TAG = 2;

/** Whether `code` continues the tag begun in `held` (from its `<`), closes it, or shows it is not one. */
function tagStep(held: string, code: number): number {
  const letter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  if (held === '<') return letter || code === 0x2f ? TAG_GOES_ON : NOT_A_TAG;
  if (held === '</') return letter ? TAG_GOES_ON : NOT_A_TAG;
  if (code === 0x3e) return TAG_CLOSED;
  return code === 0x3c || held.length + 1 >= MAX_TAG_CHARS ? NOT_A_TAG : TAG_GOES_ON;
}

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
export const isHexDigit = (code: number): boolean => isDigit(code) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);

/** Per-code-unit counts (0 or 1) of a growing text, and how many count from a cursor to the end. */
export class KeptCharacters {
  private flags = new Uint8Array(1024);
  /** Index in `flags` of the code unit at `cursor`. */
  private head = 0;
  private tail = 0;
  /** Index in `flags` at or after `head` before which every flag is 0 (scanned once, not per call). */
  private probe = 0;
  private lastWasSpace = true;
  private kept = 0;
  /** Output position (code units) the count starts at; only moves forward. */
  private at = 0;
  private escape = NONE;
  /** Digits the current reference or escape may still take. */
  private digitsLeft = 0;
  /** The previous code unit outside an HTML tag (for the `0` of `0x`). */
  private previous = 0;
  /** What arrived since a `<` that may still open an HTML tag; null outside one. */
  private tag: string | null = null;

  /** Characters counted from the cursor to the end. */
  get keptAfterCursor(): number {
    return this.kept;
  }

  append(text: string): void {
    this.reserve(text.length);
    for (let i = 0; i < text.length; i += 1) this.take(text.charCodeAt(i));
  }

  /**
   * An HTML tag counts 0, as the normalizer removes tags inside words ("an<b></b>thrax"). From its `<`
   * it is held at 0 while it may still be one; if it turns out not to be (no letter after `<` or `</`,
   * another `<`, or no `>` within MAX_TAG_CHARS), what was held is counted as ordinary text. Nothing of
   * it was released meanwhile: the cursor stops after a counted character, and none follows the `<`.
   */
  private take(code: number): void {
    if (this.tag === null) {
      if (code === 0x3c) {
        this.tag = '<';
        this.push(0);
      } else {
        this.count(code);
      }
      return;
    }
    const step = tagStep(this.tag, code);
    if (step !== NOT_A_TAG) {
      this.tag = step === TAG_CLOSED ? null : this.tag + String.fromCharCode(code);
      this.push(0);
      return;
    }
    const held = this.tag;
    this.tag = null;
    this.tail -= held.length;
    this.probe = Math.min(this.probe, this.tail);
    for (let k = 0; k < held.length; k += 1) this.count(held.charCodeAt(k));
    this.take(code);
  }

  private push(flag: number): void {
    this.flags[this.tail++] = flag;
    this.kept += flag;
  }

  /** One code unit outside any tag. */
  private count(code: number): void {
    let flag: number;
    if (this.inEscape(code)) {
      flag = 0;
    } else if (code > 0x20 && code < 0x7f) {
      flag = 1;
      this.lastWasSpace = false;
    } else if (code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code > 0x7f && WHITESPACE.test(String.fromCharCode(code)))) {
      flag = this.lastWasSpace ? 0 : 1;
      this.lastWasSpace = true;
    } else if (code < 0x80 || (code >= 0xdc00 && code <= 0xdfff) || code === 0xdb40) {
      // ASCII controls; a low surrogate (its pair counted at the high one); the tag block's high surrogate.
      flag = 0;
    } else if (code >= 0xd800 && code <= 0xdbff) {
      flag = 1;
      this.lastWasSpace = false;
    } else {
      flag = DROPPED_NON_ASCII.test(String.fromCharCode(code)) ? 0 : 1;
      if (flag === 1) this.lastWasSpace = false;
    }
    this.push(flag);
    this.previous = code;
  }

  /** Whether the code unit is part of a reference or escape (so far): advances the small state machine. */
  private inEscape(code: number): boolean {
    switch (this.escape) {
      case AMPERSAND:
        if (code === 0x23) return this.enter(HASH, 0);
        break;
      case HASH:
        if (code === 0x78 || code === 0x58) return this.enter(HEX_REF, 6);
        if (isDigit(code)) return this.enter(DECIMAL_REF, 6);
        break;
      case DECIMAL_REF:
      case HEX_REF:
        if (code === 0x3b) return this.enter(NONE, 0);
        if ((this.escape === DECIMAL_REF ? isDigit(code) : isHexDigit(code)) && this.digitsLeft > 0) return this.enter(this.escape, this.digitsLeft - 1);
        break;
      case BACKSLASH:
        if (code === 0x75) return this.enter(U_ESCAPE, 4);
        if (code === 0x55) return this.enter(FIXED_HEX, 8);
        if (code === 0x78) return this.enter(FIXED_HEX, 2);
        break;
      case U_ESCAPE:
        if (code === 0x7b && this.digitsLeft === 4) return this.enter(BRACED, 6);
        if (isHexDigit(code)) return this.digitsLeft > 1 ? this.enter(U_ESCAPE, this.digitsLeft - 1) : this.enter(NONE, 0);
        break;
      case BRACED:
        if (code === 0x7d) return this.enter(NONE, 0);
        if (isHexDigit(code) && this.digitsLeft > 0) return this.enter(BRACED, this.digitsLeft - 1);
        break;
      case FIXED_HEX:
        if (isHexDigit(code)) return this.digitsLeft > 1 ? this.enter(FIXED_HEX, this.digitsLeft - 1) : this.enter(NONE, 0);
        break;
      case PREFIXED_HEX:
        if (isHexDigit(code)) return true;
        break;
    }
    if ((code === 0x78 || code === 0x58) && this.previous === 0x30 && this.tail > this.head) {
      // The `0` before this `x` is the last code unit and still held (advanceKeeping never releases the
      // last counted character), so it can be counted out here.
      this.kept -= this.flags[this.tail - 1]!;
      this.flags[this.tail - 1] = 0;
      return this.enter(PREFIXED_HEX, 0);
    }
    // Not (or no longer) inside one: the character may start the next.
    this.escape = code === 0x26 ? AMPERSAND : code === 0x5c ? BACKSLASH : NONE;
    return this.escape !== NONE;
  }

  /** Takes the character as part of a reference or escape, which continues in `state` (NONE: it ended). */
  private enter(state: number, digitsLeft: number): true {
    this.escape = state;
    this.digitsLeft = digitsLeft;
    return true;
  }

  /**
   * Moves the cursor forward as far as keeps at least `count` counted characters after it, stopping
   * right after a counted character: uncounted ones before the cursor would have nothing counted of
   * their own span released with them, so they wait for the next counted character. A span that
   * reaches past the cursor then has a counted character before it, and `count` more after it.
   */
  advanceKeeping(count: number): number {
    for (;;) {
      while (this.probe < this.tail && this.flags[this.probe] === 0) this.probe += 1;
      if (this.probe === this.tail || this.kept - 1 < count) return this.at;
      this.probe += 1;
      this.kept -= 1;
      this.at += this.probe - this.head;
      this.head = this.probe;
    }
  }

  /** Room for `extra` more flags: drops the ones behind the cursor, growing only when that frees too little. */
  private reserve(extra: number): void {
    if (this.tail + extra <= this.flags.length) return;
    const live = this.tail - this.head;
    if (live + extra <= this.flags.length / 2) {
      this.flags.copyWithin(0, this.head, this.tail);
    } else {
      const grown = new Uint8Array(Math.max(this.flags.length * 2, (live + extra) * 2));
      grown.set(this.flags.subarray(this.head, this.tail));
      this.flags = grown;
    }
    this.probe -= this.head;
    this.head = 0;
    this.tail = live;
  }
}
