import type { GuardVerdict } from '../guard/guard.js';
import { EncodedRunTracker } from './encoded-run.js';
import { KeptCharacters } from './kept-chars.js';
import type { ExchangeCheck } from './output-check.js';
import type { SseEvent } from './sse.js';
import type { StreamCodec } from './wire/wire-format.js';

export interface StreamGuardSettings {
  /**
   * Output characters never released before a later check has covered them (output-check.ts), counted
   * as `KeptCharacters` counts them: what the normalizer removes does not count.
   */
  readonly holdbackChars: number;
  /** New output characters between two checks. */
  readonly rescoreEveryChars: number;
  /** Output characters each check classifies at least (more when more is unreleased). */
  readonly checkWindowChars: number;
}

/** What to write to the client after one upstream event, and the verdict when the stream must halt. */
export interface StreamStep {
  readonly frames: string;
  readonly halted: GuardVerdict | null;
}

interface Pending {
  readonly event: SseEvent;
  /** The event's model output, or null for protocol-only events. */
  readonly text: string | null;
  /** How much of `text` has already gone out in split-off parts. */
  sent: number;
}

/**
 * The no-leak streaming output guard (DESIGN.md invariant 2). Upstream events queue in order; text
 * is released only up to a point with `holdbackChars` counted characters after it, and only right
 * after a check that covered everything not yet released has passed. Any span of at most
 * `holdbackChars` counted characters is therefore whole inside the checked text before its first
 * character is released: if a release at point p reaches into a span starting at s < p, the span's
 * characters from s on include the holdback counted after p, so the span ends before the newest
 * output. Counted characters (kept-chars.ts) leave out what the normalizer removes, so padding a
 * match with invisible characters does not stretch it past the hold-back. An encoded run the output
 * ends in is not released until it ends (encoded-run.ts): layers nested inside each other can be wider
 * than the hold-back allows for, and the check after the run ends reads it whole. When a check blocks, the
 * queue is dropped and nothing after the last release is ever sent. Protocol-only events travel in
 * order with the text around them.
 */
export class StreamGuard {
  private readonly queue: Pending[] = [];
  private text = '';
  private readonly kept = new KeptCharacters();
  private readonly runs = new EncodedRunTracker();
  private released = 0;
  private checkedAt = 0;
  private verdict: GuardVerdict | null = null;
  private halted = false;
  private checkCount = 0;

  constructor(
    private readonly codec: StreamCodec,
    private readonly check: ExchangeCheck,
    private readonly settings: StreamGuardSettings,
  ) {}

  /** All model output received so far (released or not). */
  get output(): string {
    return this.text;
  }

  /** The verdict of the latest check, null before the first. */
  get lastVerdict(): GuardVerdict | null {
    return this.verdict;
  }

  get checks(): number {
    return this.checkCount;
  }

  /** One upstream event in. Only a check awaits anything (a judge call); the relay pushes in order, one at a time. */
  async push(event: SseEvent): Promise<StreamStep> {
    if (this.halted) return { frames: '', halted: null };
    this.codec.noteSeen(event);
    const text = this.codec.textOf(event);
    if (text === null && this.queue.length === 0) return { frames: this.emit(event), halted: null };
    this.queue.push({ event, text, sent: 0 });
    if (text !== null) {
      this.text += text;
      this.kept.append(text);
      this.runs.append(text);
    }
    const length = this.text.length;
    if (length - this.checkedAt < this.settings.rescoreEveryChars) return { frames: '', halted: null };
    // Nothing of an encoded run that is still growing: its layers are decoded whole once it ends.
    const releasable = Math.min(this.kept.advanceKeeping(this.settings.holdbackChars), this.runs.openRunStart() ?? Infinity);
    if (releasable <= this.released) return { frames: '', halted: null };
    return this.checkThenRelease(releasable);
  }

  /** End of the upstream stream: one last check over everything unreleased, then release it all. */
  async finish(): Promise<StreamStep> {
    if (this.halted) return { frames: '', halted: null };
    return this.checkThenRelease(this.text.length);
  }

  private async checkThenRelease(upTo: number): Promise<StreamStep> {
    const length = this.text.length;
    const start = Math.max(0, Math.min(this.released, length - this.settings.checkWindowChars));
    const verdict = await this.check(this.text.slice(start));
    this.verdict = verdict;
    this.checkCount += 1;
    this.checkedAt = length;
    if (verdict.decision === 'block') {
      this.halted = true;
      this.queue.length = 0;
      return { frames: '', halted: verdict };
    }
    return { frames: this.release(upTo), halted: null };
  }

  private release(upTo: number): string {
    let frames = '';
    let budget = upTo - this.released;
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      const remaining = head.text === null ? 0 : head.text.length - head.sent;
      if (remaining <= budget) {
        frames += this.emit(head.sent === 0 ? head.event : this.split(head, remaining));
        budget -= remaining;
        this.released += remaining;
        this.queue.shift();
        continue;
      }
      if (budget > 0) {
        const length = safeSplitLength(head.text!, head.sent, budget);
        const part = this.split(head, length);
        if (part !== null) {
          frames += this.emit(part);
          this.released += length;
        }
      }
      break;
    }
    return frames;
  }

  /** The next `length` unsent characters of the head event as their own event, or null if unsplittable. */
  private split(head: Pending, length: number): SseEvent | null {
    if (length === 0) return null;
    const event = this.codec.withText(head.event, head.text!.slice(head.sent, head.sent + length));
    if (event !== null) head.sent += length;
    return event;
  }

  private emit(event: SseEvent | null): string {
    if (event === null) throw new Error('stream guard: a partly released event could not be split again');
    this.codec.noteReleased(event);
    return event.raw;
  }
}

/** Never split between the halves of a surrogate pair: a lone surrogate is not valid UTF-8 for the client. */
function safeSplitLength(text: string, from: number, budget: number): number {
  const last = text.charCodeAt(from + budget - 1);
  return last >= 0xd800 && last <= 0xdbff ? budget - 1 : budget;
}
