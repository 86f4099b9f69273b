import { CodeUnits } from '../code-units.js';
import type { NormalizedText } from '../normalize.js';
import type { Embeddings } from './vectors.js';
import { VocabularyTable } from './vocabulary-table.js';

/** What the featurizer extracts; stored in the artifact header so inference matches training. */
export interface FeatureConfig {
  /** Sparse features are hashed into 2^hashBits buckets. */
  readonly hashBits: number;
  /** Character n-grams of the normalized words, lengths charMin..charMax, with word boundaries. */
  readonly charMin: number;
  readonly charMax: number;
  /** Down-weights frequent words when pooling vectors: weight = rank / (rank + sifRank). */
  readonly sifRank: number;
  /**
   * Learned word detectors: each of `maxPool` directions projects every word vector and takes the
   * maximum over the text's words, so one rare technical word can carry weight that a mean dilutes.
   * 0 or absent = off.
   */
  readonly maxPool?: number;
}

/** Rank below which a word's SIF weight is under ~0.15 and it is left out of the pooled vector. */
const POOL_MIN_RANK = 50;

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = { hashBits: 18, charMin: 4, charMax: 5, sifRank: 300, maxPool: 16 };

/** Dense inputs: pooled word vector, the share of words that had a vector, then the max-pooled detectors. */
export function denseSize(dims: number, maxPool = 0): number {
  return dims + 1 + maxPool;
}

/**
 * One text's features. `indices` may repeat (repeats add up); every sparse feature has the same
 * value `sparseValue` = 1/sqrt(count) so long and short texts land on the same scale.
 */
export interface Features {
  readonly indices: Int32Array;
  readonly count: number;
  readonly sparseValue: number;
  readonly dense: Float32Array;
  /** Vocabulary rows of the words that have a vector (frequent function words left out). */
  readonly rows: Int32Array;
  readonly rowCount: number;
  /**
   * Per category, the summed hashed weights of features counted in `sparseValue` but not listed in
   * `indices` (inference with a `WordWeightCache`; absent in training).
   */
  readonly presummed?: Float64Array;
}

/**
 * Inference only: for each vocabulary word, the summed hashed weights (per category) of its
 * word-level features (unigram, raw unigram, character n-grams), filled the first time the word is
 * seen. A repeated word then costs one read instead of a dozen hashes and scattered weight reads.
 * The sums are of the same float32 weights the index path reads, so scores match it up to float
 * rounding (tested). Rows are those of the featurizer's vocabulary.
 */
export class WordWeightCache {
  /**
   * Per vocabulary row, `stride` values: the category sums, then the feature count (0 = not cached
   * yet), side by side so a cached word costs one cache line.
   */
  readonly entries: Float64Array;
  readonly stride: number;

  constructor(
    readonly weights: Float32Array,
    readonly categories: number,
    vocabularySize: number,
  ) {
    this.stride = categories + 1;
    this.entries = new Float64Array(vocabularySize * this.stride);
  }
}

// Hash namespaces keep a word unigram, a raw-text unigram and a char n-gram with the same
// letters in different buckets.
const NS_WORD = 0x1b873593;
const NS_BIGRAM = 0x2c1b3c6d;
const NS_CHAR = 0x297a2d39;
const NS_RAW = 0x68e31da4;
const NS_STEP = 0x5f356495;
const FNV_PRIME = 0x01000193;
const WORD_SEED = NS_WORD ^ 0x811c9dc5;

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7);
}

function hashRange(text: string, start: number, end: number, seed: number): number {
  let h = seed ^ 0x811c9dc5;
  for (let i = start; i < end; i += 1) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

function rawWordHash(wordHash: number): number {
  return mix(wordHash, NS_RAW);
}

function mix(a: number, b: number): number {
  return Math.imul(a ^ Math.imul(b, 0x85ebca6b) ^ (b >>> 13), 0xc2b2ae35);
}

/**
 * Turns a normalized text into hashed sparse features plus a pooled word vector. Reuses its
 * buffers, so the returned arrays are valid until the next call (one featurizer per thread).
 */
export class Featurizer {
  private readonly mask: number;
  private readonly vocab: VocabularyTable;
  private readonly units = new CodeUnits();
  private indices = new Int32Array(4096);
  private count = 0;
  private rows = new Int32Array(1024);
  private rowWeights = new Float64Array(1024);
  private rowCount = 0;
  private readonly dense: Float32Array;
  private readonly pooled: Float64Array;
  private readonly presummed: Float64Array | undefined;
  /** Features folded into `presummed` rather than listed in `indices`. */
  private presummedCount = 0;

  constructor(
    private readonly config: FeatureConfig,
    private readonly embeddings: Embeddings,
    private readonly cache?: WordWeightCache,
  ) {
    this.mask = (1 << config.hashBits) - 1;
    this.vocab = new VocabularyTable(embeddings.words, (word) => hashRange(word, 0, word.length, NS_WORD));
    this.dense = new Float32Array(denseSize(embeddings.dims));
    this.pooled = new Float64Array(embeddings.dims);
    this.presummed = cache === undefined ? undefined : new Float64Array(cache.categories);
  }

  featurize(input: NormalizedText): Features {
    const text = input.normalized.toLowerCase();
    // Nothing was decoded: the raw words are the normalized words, already hashed in the pass.
    const rawIsNormalized = input.steps.length === 0;
    // Upper bound: per character at most (charMax - charMin + 1) n-grams plus three word-level
    // features (unigram, raw unigram, bigram) and two boundary positions.
    const perChar = this.config.charMax - this.config.charMin + 6;
    this.reserve(perChar * (text.length + (rawIsNormalized ? 0 : input.raw.length)) + input.steps.length + 16);
    this.count = 0;
    this.rowCount = 0;
    this.presummedCount = 0;
    this.presummed?.fill(0);
    if (this.rows.length < text.length) {
      this.rows = new Int32Array(text.length);
      this.rowWeights = new Float64Array(text.length);
    }
    this.addNormalized(this.units.of(text), text.length, rawIsNormalized);
    if (!rawIsNormalized) this.addRawWords(input.raw.toLowerCase());
    for (const step of input.steps) this.push(hashRange(step, 0, step.length, NS_STEP));
    const count = this.count;
    const total = count + this.presummedCount;
    return {
      indices: this.indices,
      count,
      sparseValue: total === 0 ? 0 : 1 / Math.sqrt(total),
      dense: this.dense,
      rows: this.rows,
      rowCount: this.rowCount,
      ...(this.presummed === undefined ? {} : { presummed: this.presummed }),
    };
  }

  private reserve(capacity: number): void {
    if (this.indices.length < capacity) this.indices = new Int32Array(capacity);
  }

  private push(hash: number): void {
    this.indices[this.count] = (hash ^ (hash >>> 16)) & this.mask;
    this.count += 1;
  }

  /** Words, word bigrams and char n-grams of the normalized text, and the pooled word vector. */
  private addNormalized(text: Uint16Array, length: number, withRawWords: boolean): void {
    const vocab = this.vocab;
    const useCache = withRawWords && this.cache !== undefined;
    let previous = 0;
    let words = 0;
    let withVector = 0;
    let weightSum = 0;
    for (let i = 0; i < length; ) {
      let c = text[i]!;
      if (!isWordChar(c)) {
        i += 1;
        continue;
      }
      // The word's hash (hashRange with NS_WORD) is built while its end is found: one pass, not two.
      let wordHash = WORD_SEED;
      let end = i;
      do {
        wordHash = Math.imul(wordHash ^ c, FNV_PRIME);
        end += 1;
      } while (end < length && isWordChar((c = text[end]!)));
      const slot = vocab.find(wordHash, end - i);
      const row = slot < 0 ? -1 : vocab.row(slot);
      if (words > 0) this.push(mix(previous, wordHash) ^ NS_BIGRAM);
      previous = wordHash;
      // The word-level features: from the cache when this word's sum is known, else hashed here
      // (and cached). Cached sums include the raw unigram, so only texts nothing decoded use them.
      const cacheable = useCache && slot >= 0 && vocab.spells(slot, text, i, end);
      if (!cacheable || !this.addCachedWord(row)) {
        const first = this.count;
        this.push(wordHash);
        if (withRawWords) this.push(rawWordHash(wordHash));
        this.addCharNgrams(text, i, end);
        if (cacheable) this.fillCache(row, first);
      }
      words += 1;
      // The most frequent words carry almost no weight; leaving them out halves the pooling work.
      if (row >= POOL_MIN_RANK) weightSum += this.listRow(row);
      if (row >= 0) withVector += 1;
      i = end;
    }
    this.poolRows();
    this.finishDense(words, withVector, weightSum);
  }

  /** Lists a word's row for pooling; returns its SIF weight. */
  private listRow(row: number): number {
    const weight = row / (row + this.config.sifRank);
    this.rows[this.rowCount] = row;
    this.rowWeights[this.rowCount] = weight;
    this.rowCount += 1;
    return weight;
  }

  /** Adds a vocabulary word's cached sum; false when it is not cached yet. */
  private addCachedWord(row: number): boolean {
    const cache = this.cache!;
    const presummed = this.presummed!;
    const c = cache.categories;
    const base = row * cache.stride;
    const n = cache.entries[base + c]!;
    if (n === 0) return false;
    for (let k = 0; k < c; k += 1) presummed[k]! += cache.entries[base + k]!;
    this.presummedCount += n;
    return true;
  }

  /** Records the sum of the word-level features just pushed (indices first..count) for a vocabulary word. */
  private fillCache(row: number, first: number): void {
    const cache = this.cache!;
    const c = cache.categories;
    const base = row * cache.stride;
    for (let i = first; i < this.count; i += 1) {
      const at = this.indices[i]! * c;
      for (let k = 0; k < c; k += 1) cache.entries[base + k]! += cache.weights[at + k]!;
    }
    cache.entries[base + c] = this.count - first;
  }

  /**
   * N-grams over "<word>" where the boundaries are virtual characters folded into the hash. One
   * pass per start position extends the hash through lengths min..max (5 steps, not 3+4+5).
   */
  private addCharNgrams(text: Uint16Array, start: number, end: number): void {
    const { charMin: min, charMax: max } = this.config;
    const len = end - start + 2;
    const indices = this.indices;
    const mask = this.mask;
    let c = this.count;
    for (let s = 0; s + min <= len; s += 1) {
      let h = NS_CHAR ^ 0x811c9dc5;
      const stop = Math.min(len, s + max);
      for (let k = s; k < stop; k += 1) {
        const code = k === 0 ? 0x3c : k === len - 1 ? 0x3e : text[start + k - 1]!;
        h = Math.imul(h ^ code, FNV_PRIME);
        if (k - s + 1 >= min) {
          const g = h ^ (k - s);
          indices[c] = (g ^ (g >>> 16)) & mask;
          c += 1;
        }
      }
    }
    this.count = c;
  }

  /**
   * Weighted sum of the listed rows' vectors. Each dimension is summed in text order, as it always
   * was, so the dense inputs round to the same float32 values; four dimensions at a time in locals
   * instead of a load and a store of the running sum per word and dimension.
   */
  private poolRows(): void {
    const { dims, vectors } = this.embeddings;
    const { rows, rowWeights, rowCount, pooled } = this;
    let d = 0;
    for (; d + 3 < dims; d += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0; i < rowCount; i += 1) {
        const weight = rowWeights[i]!;
        const at = rows[i]! * dims + d;
        s0 += weight * vectors[at]!;
        s1 += weight * vectors[at + 1]!;
        s2 += weight * vectors[at + 2]!;
        s3 += weight * vectors[at + 3]!;
      }
      pooled[d] = s0;
      pooled[d + 1] = s1;
      pooled[d + 2] = s2;
      pooled[d + 3] = s3;
    }
    for (; d < dims; d += 1) {
      let s = 0;
      for (let i = 0; i < rowCount; i += 1) s += rowWeights[i]! * vectors[rows[i]! * dims + d]!;
      pooled[d] = s;
    }
  }

  private finishDense(words: number, withVector: number, weightSum: number): void {
    const { dims } = this.embeddings;
    let norm = 0;
    for (let d = 0; d < dims; d += 1) norm += this.pooled[d]! * this.pooled[d]!;
    // Unit length times sqrt(dims): each input lands near unit variance whatever the text length.
    const factor = norm > 0 && weightSum > 0 ? Math.sqrt(dims / norm) : 0;
    for (let d = 0; d < dims; d += 1) this.dense[d] = this.pooled[d]! * factor;
    this.dense[dims] = words === 0 ? 0 : withVector / words;
  }

  /** Unigrams of the raw text: lets the model see an obfuscated surface next to its decoding. */
  private addRawWords(raw: string): void {
    const text = this.units.of(raw);
    for (let i = 0; i < raw.length; ) {
      let c = text[i]!;
      if (!isWordChar(c)) {
        i += 1;
        continue;
      }
      let wordHash = WORD_SEED;
      do {
        wordHash = Math.imul(wordHash ^ c, FNV_PRIME);
        i += 1;
      } while (i < raw.length && isWordChar((c = text[i]!)));
      this.push(rawWordHash(wordHash));
    }
  }
}
