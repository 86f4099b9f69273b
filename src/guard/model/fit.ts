import type { Features } from './featurize.js';
import type { Random } from './random.js';
import type { Embeddings } from './vectors.js';

export interface Hyperparameters {
  readonly epochs: number;
  readonly hidden: number;
  readonly batchSize: number;
  /** AdaGrad step for the hashed weights. */
  readonly sparseRate: number;
  readonly sparseL2: number;
  /** Adam step for the MLP on word vectors. */
  readonly denseRate: number;
  readonly denseL2: number;
  /** Loss weight of a row's own category relative to a negative, per head. */
  readonly positiveWeight: number;
}

export interface Example {
  readonly indices: Int32Array;
  readonly sparseValue: number;
  readonly dense: Float32Array;
  /** Vocabulary rows for the max-pooled word detectors. */
  readonly rows: Int32Array;
  /** Category index, or -1 for benign. */
  readonly category: number;
}

export function freezeFeatures(features: Features, category: number): Example {
  return {
    indices: features.indices.slice(0, features.count),
    sparseValue: features.sparseValue,
    dense: features.dense.slice(),
    rows: features.rows.slice(0, features.rowCount),
    category,
  };
}

export interface Parameters {
  readonly sparse: Float64Array;
  readonly w1: Float64Array;
  readonly b1: Float64Array;
  readonly w2: Float64Array;
  readonly bias: Float64Array;
  /** maxPool x dims word-detector directions (empty when off). */
  readonly proj: Float64Array;
}

interface Shape {
  readonly buckets: number;
  readonly categories: number;
  /** Pooled vector plus word share (the example's `dense`), not counting the detectors. */
  readonly denseInputs: number;
  readonly maxPool: number;
  readonly embeddings: Embeddings;
}

function initParameters(shape: Shape, hidden: number, random: Random): Parameters {
  const inputs = shape.denseInputs + shape.maxPool;
  const w1 = new Float64Array(hidden * inputs);
  const he = Math.sqrt(2 / inputs);
  for (let i = 0; i < w1.length; i += 1) w1[i] = random.normal() * he;
  const w2 = new Float64Array(shape.categories * hidden);
  for (let i = 0; i < w2.length; i += 1) w2[i] = random.normal() * 0.01;
  const proj = new Float64Array(shape.maxPool * shape.embeddings.dims);
  for (let i = 0; i < proj.length; i += 1) proj[i] = random.normal();
  return { sparse: new Float64Array(shape.buckets * shape.categories), w1, b1: new Float64Array(hidden), w2, bias: new Float64Array(shape.categories), proj };
}

/** Adam state for the dense parameters, flattened in a fixed order. */
class Adam {
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private t = 0;

  constructor(private readonly params: Float64Array[], private readonly rate: number, private readonly l2: number) {
    this.m = params.map((p) => new Float64Array(p.length));
    this.v = params.map((p) => new Float64Array(p.length));
  }

  step(grads: Float64Array[], scale: number): void {
    this.t += 1;
    const c1 = 1 - 0.9 ** this.t;
    const c2 = 1 - 0.999 ** this.t;
    this.params.forEach((p, a) => {
      const g = grads[a]!;
      const m = this.m[a]!;
      const v = this.v[a]!;
      for (let i = 0; i < p.length; i += 1) {
        const gi = g[i]! * scale + this.l2 * p[i]!;
        m[i] = 0.9 * m[i]! + 0.1 * gi;
        v[i] = 0.999 * v[i]! + 0.001 * gi * gi;
        p[i]! -= (this.rate * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + 1e-8);
        g[i] = 0;
      }
    });
  }
}

/**
 * Multi-label logistic loss, one sigmoid head per category: sparse hashed weights with per-example
 * AdaGrad (only touched buckets move), MLP on pooled vectors with minibatch Adam. The example
 * order comes from `random`, so a seed fixes the result.
 */
export function fit(
  examples: readonly Example[],
  shape: Shape,
  hyper: Hyperparameters,
  random: Random,
  onEpoch: (epoch: number, loss: number) => void,
): Parameters {
  const p = initParameters(shape, hyper.hidden, random);
  const C = shape.categories;
  const H = hyper.hidden;
  const D = shape.denseInputs;
  const M = shape.maxPool;
  const g: Grads = { w1: new Float64Array(p.w1.length), b1: new Float64Array(H), w2: new Float64Array(p.w2.length), bias: new Float64Array(C), proj: new Float64Array(p.proj.length) };
  const adam = new Adam([p.w1, p.b1, p.w2, p.bias, p.proj], hyper.denseRate, hyper.denseL2);
  const adagrad = new Float64Array(p.sparse.length);
  const work: Work = {
    input: new Float64Array(D + M),
    argmax: new Int32Array(M),
    hiddenOut: new Float64Array(H),
    grad: new Float64Array(C),
    dh: new Float64Array(H),
  };
  const dims = { C, H, D, M };
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < hyper.epochs; epoch += 1) {
    random.shuffle(order);
    let loss = 0;
    let inBatch = 0;
    for (const index of order) {
      const ex = examples[index]!;
      loss += forwardBackward(p, ex, hyper, dims, shape.embeddings, work, g);
      updateSparse(p.sparse, adagrad, ex, work.grad, C, hyper);
      inBatch += 1;
      if (inBatch === hyper.batchSize) {
        adam.step([g.w1, g.b1, g.w2, g.bias, g.proj], 1 / inBatch);
        inBatch = 0;
      }
    }
    if (inBatch > 0) adam.step([g.w1, g.b1, g.w2, g.bias, g.proj], 1 / inBatch);
    onEpoch(epoch + 1, loss / Math.max(1, examples.length));
  }
  return p;
}

interface Dims {
  readonly C: number;
  readonly H: number;
  readonly D: number;
  readonly M: number;
}

interface Grads {
  readonly w1: Float64Array;
  readonly b1: Float64Array;
  readonly w2: Float64Array;
  readonly bias: Float64Array;
  readonly proj: Float64Array;
}

interface Work {
  readonly input: Float64Array;
  readonly argmax: Int32Array;
  readonly hiddenOut: Float64Array;
  readonly grad: Float64Array;
  readonly dh: Float64Array;
}

/** Max over the example's words of each detector direction; the winning row goes to `argmax`. */
function maxPool(proj: Float64Array, ex: Example, emb: Embeddings, M: number, input: Float64Array, offset: number, argmax: Int32Array): void {
  const { dims, vectors, scale } = emb;
  for (let q = 0; q < M; q += 1) {
    let best = -Infinity;
    let arg = -1;
    for (const row of ex.rows) {
      let s = 0;
      for (let d = 0; d < dims; d += 1) s += proj[q * dims + d]! * vectors[row * dims + d]!;
      if (s > best) {
        best = s;
        arg = row;
      }
    }
    input[offset + q] = arg < 0 ? 0 : best * scale;
    argmax[q] = arg;
  }
}

/** Forward pass, loss, and gradients: dense ones accumulate in `g`, logit gradients go to `work.grad`. */
function forwardBackward(p: Parameters, ex: Example, hyper: Hyperparameters, { C, H, D, M }: Dims, emb: Embeddings, work: Work, g: Grads): number {
  const { input, argmax, hiddenOut, grad, dh } = work;
  const I = D + M;
  for (let d = 0; d < D; d += 1) input[d] = ex.dense[d]!;
  if (M > 0) maxPool(p.proj, ex, emb, M, input, D, argmax);
  for (let k = 0; k < C; k += 1) grad[k] = p.bias[k]!;
  for (const f of ex.indices) for (let k = 0; k < C; k += 1) grad[k]! += p.sparse[f * C + k]! * ex.sparseValue;
  for (let j = 0; j < H; j += 1) {
    let s = p.b1[j]!;
    for (let d = 0; d < I; d += 1) s += p.w1[j * I + d]! * input[d]!;
    hiddenOut[j] = s > 0 ? s : 0;
  }
  let loss = 0;
  for (let k = 0; k < C; k += 1) {
    let z = grad[k]!;
    for (let j = 0; j < H; j += 1) z += p.w2[k * H + j]! * hiddenOut[j]!;
    const prob = 1 / (1 + Math.exp(-z));
    const positive = ex.category === k;
    const weight = positive ? hyper.positiveWeight : 1;
    loss -= weight * Math.log(Math.max(1e-12, positive ? prob : 1 - prob));
    grad[k] = weight * (prob - (positive ? 1 : 0));
  }
  dh.fill(0);
  for (let k = 0; k < C; k += 1) {
    g.bias[k]! += grad[k]!;
    for (let j = 0; j < H; j += 1) {
      g.w2[k * H + j]! += grad[k]! * hiddenOut[j]!;
      if (hiddenOut[j]! > 0) dh[j]! += grad[k]! * p.w2[k * H + j]!;
    }
  }
  for (let j = 0; j < H; j += 1) {
    if (dh[j] === 0) continue;
    g.b1[j]! += dh[j]!;
    for (let d = 0; d < I; d += 1) g.w1[j * I + d]! += dh[j]! * input[d]!;
  }
  for (let q = 0; q < M; q += 1) {
    const row = argmax[q]!;
    if (row < 0) continue;
    let dm = 0;
    for (let j = 0; j < H; j += 1) dm += dh[j]! * p.w1[j * I + D + q]!;
    if (dm === 0) continue;
    const { dims, vectors, scale } = emb;
    for (let d = 0; d < dims; d += 1) g.proj[q * dims + d]! += dm * scale * vectors[row * dims + d]!;
  }
  return loss;
}

function updateSparse(sparse: Float64Array, adagrad: Float64Array, ex: Example, grad: Float64Array, C: number, hyper: Hyperparameters): void {
  for (const f of ex.indices) {
    for (let k = 0; k < C; k += 1) {
      const i = f * C + k;
      const gi = grad[k]! * ex.sparseValue + hyper.sparseL2 * sparse[i]!;
      if (gi === 0) continue;
      adagrad[i]! += gi * gi;
      sparse[i]! -= (hyper.sparseRate * gi) / (Math.sqrt(adagrad[i]!) + 1e-8);
    }
  }
}

/**
 * One model whose logits are the mean of the members' logits, exactly: the logit is linear in the
 * sparse weights and the bias, so those are averaged; each member keeps its own hidden units and
 * word detectors (w1 is block-structured: a member's units read the shared pooled vector and only
 * that member's detectors), and w2 is scaled by 1/K.
 */
export function mergeMembers(members: readonly Parameters[], denseInputs: number, maxPool: number, dims: number): Parameters {
  const K = members.length;
  const first = members[0]!;
  if (K === 1) return first;
  const D = denseInputs;
  const M = maxPool;
  const H = first.b1.length;
  const C = first.bias.length;
  const inputs = D + K * M;
  const sparse = new Float64Array(first.sparse.length);
  const bias = new Float64Array(C);
  const w1 = new Float64Array(K * H * inputs);
  const b1 = new Float64Array(K * H);
  const w2 = new Float64Array(C * K * H);
  const proj = new Float64Array(K * M * dims);
  members.forEach((p, m) => {
    for (let i = 0; i < sparse.length; i += 1) sparse[i]! += p.sparse[i]! / K;
    for (let k = 0; k < C; k += 1) bias[k]! += p.bias[k]! / K;
    proj.set(p.proj, m * M * dims);
    b1.set(p.b1, m * H);
    for (let j = 0; j < H; j += 1) {
      const to = (m * H + j) * inputs;
      const from = j * (D + M);
      for (let d = 0; d < D; d += 1) w1[to + d] = p.w1[from + d]!;
      for (let q = 0; q < M; q += 1) w1[to + D + m * M + q] = p.w1[from + D + q]!;
    }
    for (let k = 0; k < C; k += 1) for (let j = 0; j < H; j += 1) w2[k * K * H + m * H + j] = p.w2[k * H + j]! / K;
  });
  return { sparse, w1, b1, w2, bias, proj };
}
