import { describe, expect, it } from 'vitest';
import type { BulwarkError } from '../../core/errors.js';
import { decodeArtifact, encodeArtifact, type ModelWeights } from './artifact.js';
import { decodeModel } from './classifier.js';

function smallWeights(): ModelWeights {
  const floats = (n: number, k: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * k));
  return {
    name: 'test-model',
    categories: ['cbrn.bio', 'cbrn.chem'],
    config: { hashBits: 6, charMin: 3, charMax: 4, sifRank: 10 },
    embeddings: { words: ['virus', 'gas', 'plant'], dims: 2, vectors: Int8Array.from([127, 0, -5, 90, 3, -127]), scale: 0.01 },
    hidden: 3,
    sparse: floats(64 * 2, 1),
    w1: floats(3 * 3, 2),
    b1: floats(3, 3),
    w2: floats(2 * 3, 4),
    bias: floats(2, 5),
    proj: new Float32Array(0),
    training: { seed: 1 },
  };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as BulwarkError).code;
  }
  return undefined;
}

describe('artifact format', () => {
  it('round-trips every weight exactly', () => {
    const weights = smallWeights();
    const decoded = decodeArtifact(encodeArtifact(weights));
    expect(decoded).toEqual(weights);
  });

  it('encodes the same weights to the same bytes and starts with the magic', () => {
    const a = encodeArtifact(smallWeights());
    expect(Buffer.from(a).equals(Buffer.from(encodeArtifact(smallWeights())))).toBe(true);
    expect(Buffer.from(a.subarray(0, 8)).toString('latin1')).toBe('BWKGUARD');
  });

  it('refuses corrupt, truncated or foreign files with GUARD_MODEL_INVALID', () => {
    const good = encodeArtifact(smallWeights());
    const flipped = Uint8Array.from(good);
    flipped[200] = (flipped[200] ?? 0) ^ 1;
    expect(codeOf(() => decodeArtifact(flipped))).toBe('GUARD_MODEL_INVALID');
    expect(codeOf(() => decodeArtifact(good.subarray(0, good.length - 10)))).toBe('GUARD_MODEL_INVALID');
    expect(codeOf(() => decodeArtifact(new TextEncoder().encode('{"not":"a model"}')))).toBe('GUARD_MODEL_INVALID');
    expect(codeOf(() => decodeArtifact(new Uint8Array(0)))).toBe('GUARD_MODEL_INVALID');
  });

  it('exposes the SHA-256 of the file as the model version', () => {
    const bytes = encodeArtifact(smallWeights());
    const model = decodeModel(bytes);
    expect(model.version).toMatch(/^[0-9a-f]{64}$/);
    expect(model.name).toBe('test-model');
  });
});
