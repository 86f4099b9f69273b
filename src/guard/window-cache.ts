import { hash } from 'node:crypto';

/**
 * The classifier's scores for the windows of long texts, remembered per scope, so that a conversation
 * sent again with one more turn (every chat and agent client resends the whole history) costs the
 * windows that changed, not all of them again. A long text's windows start at fixed offsets from its
 * beginning, so appending keeps every earlier window's text, and therefore its scores, the same.
 *
 * Scores depend on the window's text and the model only (not on the policy, whose rules run on the whole
 * text each time), so a hit returns exactly what scoring again would. Keys are SHA-256 of the scope and
 * the window's text; the scope keeps one tenant's traffic from telling another, by timing, which
 * texts were scored recently. Least recently used entries go first.
 */
export class WindowScoreCache {
  private readonly entries = new Map<string, Readonly<Record<string, number>>>();

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The scores of `window` under `scope`, from the cache or from `score` (which may throw: nothing is kept then). */
  scores(scope: string, window: string, score: () => Record<string, number>): Readonly<Record<string, number>> {
    if (this.maxEntries === 0) return score();
    // UTF-16 code units, not UTF-8: UTF-8 turns every lone surrogate into U+FFFD, so two different
    // windows would share a key. The scope's length first keeps the scope and the window apart.
    const key = hash('sha256', Buffer.from(`${scope.length}:${scope}${window}`, 'utf16le'), 'base64');
    const known = this.entries.get(key);
    if (known !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, known);
      return known;
    }
    const fresh = Object.freeze(score());
    this.entries.set(key, fresh);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return fresh;
  }
}
