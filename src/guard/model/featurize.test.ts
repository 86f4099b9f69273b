import { describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize.js';
import { applyTransform } from '../obfuscate.js';
import { DEFAULT_FEATURE_CONFIG, Featurizer, denseSize } from './featurize.js';
import type { Embeddings } from './vectors.js';

const words = Array.from({ length: 120 }, (_, i) => `w${i}`).concat(['virus', 'culture', 'soup']);
const embeddings: Embeddings = {
  words,
  dims: 3,
  vectors: Int8Array.from(words.flatMap((_, i) => [(i * 7) % 127, (i * 13) % 127, -((i * 5) % 127)])),
  scale: 1 / 127,
};

const copy = (f: { indices: Int32Array; count: number }) => [...f.indices.slice(0, f.count)].sort((a, b) => a - b);

describe('Featurizer', () => {
  const featurizer = new Featurizer(DEFAULT_FEATURE_CONFIG, embeddings);

  it('gives the same features for the same text and different ones for different texts', () => {
    const a = copy(featurizer.featurize(normalizeText('culture the virus')));
    expect(copy(featurizer.featurize(normalizeText('culture the virus')))).toEqual(a);
    expect(copy(featurizer.featurize(normalizeText('make some soup')))).not.toEqual(a);
  });

  it('keeps every index inside the hash space and scales by the feature count', () => {
    const f = featurizer.featurize(normalizeText('How would one culture this virus at scale?'));
    expect(f.count).toBeGreaterThan(10);
    for (let i = 0; i < f.count; i += 1) expect(f.indices[i]).toBeLessThan(1 << DEFAULT_FEATURE_CONFIG.hashBits);
    expect(f.sparseValue).toBeCloseTo(1 / Math.sqrt(f.count));
  });

  it('sees an obfuscated text through its decoding: most features match the plain text', () => {
    const plain = new Set(copy(featurizer.featurize(normalizeText('culture the virus in large amounts'))));
    const decoded = copy(featurizer.featurize(normalizeText(applyTransform('base64', 'culture the virus in large amounts'))));
    const shared = decoded.filter((i) => plain.has(i)).length;
    expect(shared / plain.size).toBeGreaterThan(0.8);
  });

  it('pools word vectors of known words and leaves unknown-only text at zero', () => {
    const known = featurizer.featurize(normalizeText('virus culture'));
    expect(known.dense).toHaveLength(denseSize(3));
    expect(known.dense[3]).toBe(1);
    expect(Math.hypot(...known.dense.slice(0, 3))).toBeCloseTo(Math.sqrt(3), 4);
    const unknown = featurizer.featurize(normalizeText('qqq zzz'));
    expect([...unknown.dense]).toEqual([0, 0, 0, 0]);
  });
});
