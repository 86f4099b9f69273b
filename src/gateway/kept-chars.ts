/**
 * Counts output characters the way the hold-back bound needs them: characters the normalizer removes
 * (controls, zero-width and other invisible formatting characters, tags, combining marks) count 0, and
 * of a run of whitespace only the first counts, since normalized text has one space for the run. Plain
 * prose counts one per UTF-16 code unit, so this changes nothing for it; a rule's letters padded with
 * thousands of invisible characters count as the letters alone, so they cannot outrun the hold-back.
 * Counting too few is the safe error (more is held back): every combining mark counts 0 though the
 * normalizer keeps some, and a surrogate pair counts 1.
 */
const DROPPED_NON_ASCII = /^[\p{M}\p{Cc}\p{Cf}\u115F\u1160\u17B4\u17B5\u3164\uFFA0]$/u;
const WHITESPACE = /^\s$/;

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

  get cursor(): number {
    return this.at;
  }

  /** Characters counted from the cursor to the end. */
  get keptAfterCursor(): number {
    return this.kept;
  }

  append(text: string): void {
    this.reserve(text.length);
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      let flag: number;
      if (code > 0x20 && code < 0x7f) {
        flag = 1;
        this.lastWasSpace = false;
      } else if (code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code > 0x7f && WHITESPACE.test(text[i]!))) {
        flag = this.lastWasSpace ? 0 : 1;
        this.lastWasSpace = true;
      } else if (code < 0x80 || (code >= 0xdc00 && code <= 0xdfff) || code === 0xdb40) {
        // ASCII controls; a low surrogate (its pair counted at the high one); the tag block's high surrogate.
        flag = 0;
      } else if (code >= 0xd800 && code <= 0xdbff) {
        flag = 1;
        this.lastWasSpace = false;
      } else {
        flag = DROPPED_NON_ASCII.test(text[i]!) ? 0 : 1;
        if (flag === 1) this.lastWasSpace = false;
      }
      this.flags[this.tail++] = flag;
      this.kept += flag;
    }
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
