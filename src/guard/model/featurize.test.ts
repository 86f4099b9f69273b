import { describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize.js';
import { applyTransform } from '../obfuscate.js';
import { DEFAULT_FEATURE_CONFIG, Featurizer, WordWeightCache, denseSize, type Features } from './featurize.js';
import { Random } from './random.js';
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

describe('WordWeightCache', () => {
  const categories = 3;
  const random = new Random(7);
  const weights = Float32Array.from({ length: (1 << DEFAULT_FEATURE_CONFIG.hashBits) * categories }, () => random.normal());
  /** The hashed part of the logits, and the feature count behind sparseValue. */
  const sparsePart = (f: Features): { sums: number[]; total: number } => {
    const sums = Array.from({ length: categories }, (_, k) => f.presummed?.[k] ?? 0);
    for (let i = 0; i < f.count; i += 1) for (let k = 0; k < categories; k += 1) sums[k]! += weights[f.indices[i]! * categories + k]!;
    return { sums, total: Math.round(1 / f.sparseValue ** 2) };
  };
  const texts = [
    'culture the virus, culture the virus again and again: virus culture',
    'soup w1 w2 w3 w1 w2 w3 unknownword unknownword',
    applyTransform('base64', 'culture the virus in large amounts'),
    applyTransform('leetspeak', 'culture the virus soup'),
    'virusx culturey viru s culture',
    '',
  ];

  it('gives the same hashed sums and feature counts as the index path, cold and warm', () => {
    const plain = new Featurizer(DEFAULT_FEATURE_CONFIG, embeddings);
    const cached = new Featurizer(DEFAULT_FEATURE_CONFIG, embeddings, new WordWeightCache(weights, categories, embeddings.words.length));
    for (const round of [1, 2]) {
      for (const text of texts) {
        const input = normalizeText(text);
        const expected = sparsePart(plain.featurize(input));
        const got = sparsePart(cached.featurize(input));
        expect(got.total, `${text} (round ${round})`).toBe(expected.total);
        got.sums.forEach((v, k) => expect(v).toBeCloseTo(expected.sums[k]!, 9));
      }
    }
  });

  it('skips hashing a cached word: a warm featurizer lists fewer indices', () => {
    const cached = new Featurizer(DEFAULT_FEATURE_CONFIG, embeddings, new WordWeightCache(weights, categories, embeddings.words.length));
    const cold = cached.featurize(normalizeText('culture virus soup')).count;
    const warm = cached.featurize(normalizeText('culture virus soup')).count;
    expect(warm).toBeLessThan(cold);
    expect(warm).toBe(2); // only the two bigrams remain
  });
});
