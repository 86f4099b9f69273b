import { readFileSync } from 'node:fs';
import { BulwarkError } from '../../core/errors.js';
import { sha256Hex } from '../../core/hash.js';
import type { NormalizedText } from '../normalize.js';
import { decodeArtifact, type ModelWeights } from './artifact.js';
import { chunkText } from './chunk.js';
import { Featurizer, type Features } from './featurize.js';

export interface BuiltinModel {
  readonly name: string;
  /** SHA-256 (hex) of the artifact bytes: names exactly which weights made a decision. */
  readonly version: string;
  readonly categories: readonly string[];
  /** Probability (0..1) per category that the text asks for that kind of weapons help. */
  score(input: NormalizedText): Record<string, number>;
}

export function decodeModel(bytes: Uint8Array): BuiltinModel {
  const weights = decodeArtifact(bytes);
  return new LinearMlpModel(weights, sha256Hex(bytes));
}

export function loadModelFile(path: string): BuiltinModel {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    throw new BulwarkError('GUARD_MODEL_UNAVAILABLE', `The classifier model could not be read from ${path}.`, { cause });
  }
  return decodeModel(bytes);
}

/** Category logits for one featurized text; shared by inference and by the trainer's checks. */
export function computeLogits(weights: ModelWeights, features: Features, hiddenOut: Float64Array, logits: Float64Array): void {
  const c = weights.categories.length;
  const dense = features.dense;
  const din = dense.length;
  const { indices, count, sparseValue } = features;
  const sparse = weights.sparse;
  for (let k = 0; k < c; k += 1) logits[k] = 0;
  // One pass: a bucket's category weights sit side by side, so each feature costs one cache line.
  for (let i = 0; i < count; i += 1) {
    const base = indices[i]! * c;
    for (let k = 0; k < c; k += 1) logits[k]! += sparse[base + k]!;
  }
  for (let k = 0; k < c; k += 1) logits[k] = weights.bias[k]! + logits[k]! * sparseValue;
  for (let j = 0; j < weights.hidden; j += 1) {
    let s = weights.b1[j]!;
    const base = j * din;
    for (let d = 0; d < din; d += 1) s += weights.w1[base + d]! * dense[d]!;
    hiddenOut[j] = s > 0 ? s : 0;
  }
  for (let k = 0; k < c; k += 1) {
    let s = 0;
    for (let j = 0; j < weights.hidden; j += 1) s += weights.w2[k * weights.hidden + j]! * hiddenOut[j]!;
    logits[k]! += s;
  }
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

class LinearMlpModel implements BuiltinModel {
  readonly name: string;
  readonly categories: readonly string[];
  private readonly featurizer: Featurizer;
  private readonly hidden: Float64Array;
  private readonly logits: Float64Array;

  constructor(
    private readonly weights: ModelWeights,
    readonly version: string,
  ) {
    this.name = weights.name;
    this.categories = weights.categories;
    this.featurizer = new Featurizer(weights.config, weights.embeddings);
    this.hidden = new Float64Array(weights.hidden);
    this.logits = new Float64Array(weights.categories.length);
  }

  score(input: NormalizedText): Record<string, number> {
    const best = new Float64Array(this.categories.length).fill(-Infinity);
    const chunks = chunkText(input.normalized);
    // Decoded input: also score the whole text so the raw (obfuscated) surface is seen too.
    if (chunks.length === 1 || input.steps.length > 0) this.maxLogits(input, best);
    if (chunks.length > 1) for (const chunk of chunks) this.maxLogits({ raw: chunk, normalized: chunk, steps: [] }, best);
    const out: Record<string, number> = {};
    this.categories.forEach((category, k) => {
      out[category] = sigmoid(best[k]!);
    });
    return out;
  }

  private maxLogits(input: NormalizedText, best: Float64Array): void {
    computeLogits(this.weights, this.featurizer.featurize(input), this.hidden, this.logits);
    for (let k = 0; k < best.length; k += 1) best[k] = Math.max(best[k]!, this.logits[k]!);
  }
}
