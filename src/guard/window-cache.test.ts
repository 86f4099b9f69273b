import { describe, expect, it } from 'vitest';
import { WindowScoreCache } from './window-cache.js';

describe('WindowScoreCache', () => {
  const counted = () => {
    let calls = 0;
    return { score: () => ({ 'cbrn.bio': (calls += 1) / 100 }), calls: () => calls };
  };

  it('scores a window once per scope and returns the same scores again', () => {
    const cache = new WindowScoreCache(10);
    const scorer = counted();
    const first = cache.scores('tenant-a\u0000conv-1', 'some window text', scorer.score);
    expect(cache.scores('tenant-a\u0000conv-1', 'some window text', scorer.score)).toBe(first);
    expect(scorer.calls()).toBe(1);
    // Another scope, or another text, is scored again.
    cache.scores('tenant-b\u0000conv-1', 'some window text', scorer.score);
    cache.scores('tenant-a\u0000conv-1', 'some window text!', scorer.score);
    expect(scorer.calls()).toBe(3);
  });

  it('keeps the scope and the text apart, and lone surrogates apart from U+FFFD', () => {
    const cache = new WindowScoreCache(10);
    const scorer = counted();
    cache.scores('ab', 'c', scorer.score);
    cache.scores('a', 'bc', scorer.score);
    cache.scores('s', 'x\uD800y', scorer.score);
    cache.scores('s', 'x\uFFFDy', scorer.score);
    expect(scorer.calls()).toBe(4);
  });

  it('holds at most maxEntries, dropping the least recently used', () => {
    const cache = new WindowScoreCache(2);
    const scorer = counted();
    cache.scores('s', 'one', scorer.score);
    cache.scores('s', 'two', scorer.score);
    cache.scores('s', 'one', scorer.score); // used again: "two" is now the oldest
    cache.scores('s', 'three', scorer.score);
    expect(cache.size).toBe(2);
    expect(scorer.calls()).toBe(3);
    cache.scores('s', 'one', scorer.score);
    expect(scorer.calls()).toBe(3);
    cache.scores('s', 'two', scorer.score);
    expect(scorer.calls()).toBe(4);
  });

  it('keeps nothing when scoring throws, and nothing at all with 0 entries', () => {
    const cache = new WindowScoreCache(4);
    expect(() =>
      cache.scores('s', 'w', () => {
        throw new Error('model crashed');
      }),
    ).toThrow('model crashed');
    expect(cache.size).toBe(0);
    const off = new WindowScoreCache(0);
    const scorer = counted();
    off.scores('s', 'w', scorer.score);
    off.scores('s', 'w', scorer.score);
    expect(scorer.calls()).toBe(2);
    expect(off.size).toBe(0);
  });
});
