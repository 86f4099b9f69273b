import { describe, expect, it } from 'vitest';
import { decodeArtifact, encodeArtifact, type ModelWeights } from './artifact.js';
import { computeLogits, DetectorCache } from './classifier.js';
import type { Features } from './featurize.js';
import { mergeMembers, type Parameters } from './fit.js';
import { toWeights } from './train.js';

const DIMS = 3;
const DENSE = DIMS + 1;
const MAX_POOL = 2;
const HIDDEN = 3;
const CATEGORIES = ['cbrn.bio', 'cbrn.chem'];

function member(k: number): Parameters {
  const f = (n: number, s: number) => Float64Array.from({ length: n }, (_, i) => Math.sin(i * s + k));
  return {
    sparse: f(16 * CATEGORIES.length, 1.3),
    w1: f(HIDDEN * (DENSE + MAX_POOL), 0.7),
    b1: f(HIDDEN, 2.1),
    w2: f(CATEGORIES.length * HIDDEN, 0.9),
    bias: f(CATEGORIES.length, 1.7),
    proj: f(MAX_POOL * DIMS, 0.5),
  };
}

function weights(p: Parameters): ModelWeights {
  const config = { hashBits: 4, charMin: 3, charMax: 4, sifRank: 10, maxPool: p.proj.length / DIMS };
  const embeddings = { words: ['x', 'y', 'z'], dims: DIMS, vectors: Int8Array.from([100, -20, 5, -50, 60, 7, 3, 3, -127]), scale: 0.01 };
  return toWeights(p, CATEGORIES, config, embeddings, p.b1.length, {});
}

const features: Features = {
  indices: Int32Array.from([1, 5, 5]),
  count: 3,
  sparseValue: 1 / Math.sqrt(3),
  dense: Float32Array.from([0.5, -1, 2, 0.3]),
  rows: Int32Array.from([0, 2]),
  rowCount: 2,
};

function logits(w: ModelWeights): number[] {
  const out = new Float64Array(CATEGORIES.length);
  computeLogits(w, features, new Float64Array(w.hidden), out, new DetectorCache(w));
  return [...out];
}

describe('mergeMembers', () => {
  it('gives one model whose logits are the mean of the members', () => {
    const members = [member(0), member(1), member(2)];
    const merged = weights(mergeMembers(members, DENSE, MAX_POOL, DIMS));
    expect(merged.hidden).toBe(3 * HIDDEN);
    expect(merged.config.maxPool).toBe(3 * MAX_POOL);
    const each = members.map((m) => logits(weights(m)));
    logits(merged).forEach((z, k) => expect(z).toBeCloseTo(each.reduce((s, l) => s + l[k]!, 0) / members.length, 5));
  });

  it('survives the artifact round trip, detectors included', () => {
    const w = weights(mergeMembers([member(0), member(1)], DENSE, MAX_POOL, DIMS));
    const back = decodeArtifact(encodeArtifact(w));
    expect([...back.proj]).toEqual([...w.proj]);
    expect(logits(back)).toEqual(logits(w));
  });

  it('leaves a single member as it is', () => {
    const one = member(4);
    expect(mergeMembers([one], DENSE, MAX_POOL, DIMS)).toBe(one);
  });
});
