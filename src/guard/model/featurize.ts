import type { NormalizedText } from '../normalize.js';
import type { Embeddings } from './vectors.js';

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
 * rounding (tested).
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
    readonly words: readonly string[],
  ) {
    this.stride = categories + 1;
    this.entries = new Float64Array(words.length * this.stride);
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
 * Vocabulary lookup by the word's feature hash (open addressing), so scoring never allocates a
 * string per word. Two words sharing a 32-bit hash and length would share a vector; that is rare
 * enough (and its effect small enough) not to matter for a pooled average.
 */
class VocabularyTable {
  private readonly keys: Int32Array;
  private readonly rows: Int32Array;
  private readonly lengths: Uint8Array;
  private readonly slotMask: number;

  constructor(words: readonly string[]) {
    let size = 1024;
    while (size < words.length * 2) size *= 2;
    this.slotMask = size - 1;
    this.keys = new Int32Array(size);
    this.rows = new Int32Array(size).fill(-1);
    this.lengths = new Uint8Array(size);
    words.forEach((word, row) => {
      const hash = hashRange(word, 0, word.length, NS_WORD);
      let slot = hash & this.slotMask;
      while (this.rows[slot] !== -1) slot = (slot + 1) & this.slotMask;
      this.keys[slot] = hash;
      this.rows[slot] = row;
      this.lengths[slot] = Math.min(255, word.length);
    });
  }

  find(hash: number, length: number): number {
    let slot = hash & this.slotMask;
    for (;;) {
      const row = this.rows[slot]!;
      if (row === -1) return -1;
      if (this.keys[slot] === hash && this.lengths[slot] === Math.min(255, length)) return row;
      slot = (slot + 1) & this.slotMask;
    }
  }
}

/**
 * Turns a normalized text into hashed sparse features plus a pooled word vector. Reuses its
 * buffers, so the returned arrays are valid until the next call (one featurizer per thread).
 */
export class Featurizer {
  private readonly mask: number;
  private readonly vocab: VocabularyTable;
  private indices = new Int32Array(4096);
  private count = 0;
  private rows = new Int32Array(1024);
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
    this.vocab = new VocabularyTable(embeddings.words);
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
    if (this.rows.length < text.length) this.rows = new Int32Array(text.length);
    this.addNormalized(text, rawIsNormalized);
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
  private addNormalized(text: string, withRawWords: boolean): void {
    let previous = 0;
    let words = 0;
    let withVector = 0;
    let weightSum = 0;
    this.pooled.fill(0);
    for (let i = 0; i < text.length; ) {
      if (!isWordChar(text.charCodeAt(i))) {
        i += 1;
        continue;
      }
      let end = i + 1;
      while (end < text.length && isWordChar(text.charCodeAt(end))) end += 1;
      const wordHash = hashRange(text, i, end, NS_WORD);
      const row = this.vocab.find(wordHash, end - i);
      if (words > 0) this.push(mix(previous, wordHash) ^ NS_BIGRAM);
      previous = wordHash;
      // The word-level features: from the cache when this word's sum is known, else hashed here
      // (and cached). Cached sums include the raw unigram, so only texts nothing decoded use them.
      const cacheable = withRawWords && row >= 0 && this.isCacheable(text, i, end, row);
      if (!cacheable || !this.addCachedWord(row)) {
        const first = this.count;
        this.push(wordHash);
        if (withRawWords) this.push(rawWordHash(wordHash));
        this.addCharNgrams(text, i, end);
        if (cacheable) this.fillCache(row, first);
      }
      words += 1;
      if (row >= 0) {
        withVector += 1;
        // The most frequent words carry almost no weight; skipping them halves the pooling work.
        if (row >= POOL_MIN_RANK) {
          weightSum += this.poolRow(row);
          this.rows[this.rowCount] = row;
          this.rowCount += 1;
        }
      }
      i = end;
    }
    this.finishDense(words, withVector, weightSum);
  }

  /** A cache is in use and the text at start..end is the vocabulary word itself, not another word with its hash. */
  private isCacheable(text: string, start: number, end: number, row: number): boolean {
    const word = this.cache?.words[row];
    return word !== undefined && word.length === end - start && text.startsWith(word, start);
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
  private addCharNgrams(text: string, start: number, end: number): void {
    const { charMin: min, charMax: max } = this.config;
    const len = end - start + 2;
    const indices = this.indices;
    const mask = this.mask;
    let c = this.count;
    for (let s = 0; s + min <= len; s += 1) {
      let h = NS_CHAR ^ 0x811c9dc5;
      const stop = Math.min(len, s + max);
      for (let k = s; k < stop; k += 1) {
        const code = k === 0 ? 0x3c : k === len - 1 ? 0x3e : text.charCodeAt(start + k - 1);
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

  private poolRow(row: number): number {
    const { dims, vectors } = this.embeddings;
    const weight = row / (row + this.config.sifRank);
    const base = row * dims;
    for (let d = 0; d < dims; d += 1) this.pooled[d]! += weight * vectors[base + d]!;
    return weight;
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
    for (let i = 0; i < raw.length; ) {
      if (!isWordChar(raw.charCodeAt(i))) {
        i += 1;
        continue;
      }
      let end = i + 1;
      while (end < raw.length && isWordChar(raw.charCodeAt(end))) end += 1;
      this.push(rawWordHash(hashRange(raw, i, end, NS_WORD)));
      i = end;
    }
  }
}
