import { isHexDigit } from './kept-chars.js';

/**
 * Where an encoded run at the end of a growing output begins, so the stream guard releases nothing of it
 * until it ends. The hold-back bounds a rule's span in counted characters, twelve per letter at most for
 * one layer of encoding; a layer inside another multiplies the widths (base64 of spaced hex of 4-byte
 * look-alikes is 16 per letter), and the start of such a span could leave before the span was whole. A
 * run that is still growing is therefore held whole: once it ends, the next check reads all of it from
 * its first character and the decoders unwrap every layer before anything of it is released.
 *
 * Two shapes are tracked, each in O(1) per character:
 * - dense: base64, URL-safe base64, unseparated hex and percent-encoding (`[A-Za-z0-9+/=_%-]`), at least
 *   `MIN_DENSE_CHARS` long; no English word is that long, so prose is never held by it.
 * - hex pairs with an optional space or colon between them (`58 59 5a`), at least `MIN_HEX_PAIRS` pairs,
 *   as the hex decoder reads them.
 * Prefixed hex (`0x58`, `\x58`) and character references count 0 towards the hold-back already, so they
 * need no tracking. Holding costs a run's own length in latency and nothing else: no check runs while
 * nothing could be released.
 */
export const MIN_DENSE_CHARS = 24;
export const MIN_HEX_PAIRS = 8;

const DENSE = Uint8Array.from({ length: 128 }, (_, c) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47 || c === 61 || c === 95 || c === 37 || c === 45 ? 1 : 0,
);

/** Where the hex-pair run is: before a pair's first digit, between its digits, or after a whole pair. */
const PAIR_START = 0;
const PAIR_MIDDLE = 1;
const PAIR_DONE = 2;

export class EncodedRunTracker {
  private length = 0;
  private denseStart = -1;
  private hexStart = -1;
  private hexPairs = 0;
  private hexPhase = PAIR_START;

  append(text: string): void {
    for (let i = 0; i < text.length; i += 1) this.take(text.charCodeAt(i), this.length + i);
    this.length += text.length;
  }

  /** The start of the encoded run the output ends in, or null when it ends in none (or in one too short to matter). */
  openRunStart(): number | null {
    const dense = this.denseStart >= 0 && this.length - this.denseStart >= MIN_DENSE_CHARS ? this.denseStart : Infinity;
    const hex = this.hexStart >= 0 && this.hexPairs >= MIN_HEX_PAIRS ? this.hexStart : Infinity;
    const start = Math.min(dense, hex);
    return start === Infinity ? null : start;
  }

  private take(code: number, at: number): void {
    if (code < 128 && DENSE[code] === 1) {
      if (this.denseStart < 0) this.denseStart = at;
    } else this.denseStart = -1;

    if (isHexDigit(code)) {
      if (this.hexPhase === PAIR_MIDDLE) {
        this.hexPhase = PAIR_DONE;
        this.hexPairs += 1;
      } else {
        // A pair's first digit, after a separator or straight after the previous pair.
        if (this.hexStart < 0) this.hexStart = at;
        this.hexPhase = PAIR_MIDDLE;
      }
    } else if ((code === 0x20 || code === 0x3a) && this.hexPhase === PAIR_DONE) {
      this.hexPhase = PAIR_START;
    } else {
      this.hexStart = -1;
      this.hexPairs = 0;
      this.hexPhase = PAIR_START;
    }
  }
}
