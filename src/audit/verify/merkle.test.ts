import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBulwarkError } from '../../core/errors.js';
import {
  COMPACT_RANGES,
  CONSISTENCY_VECTORS,
  INCLUSION_VECTORS,
  LEAF_INPUTS_HEX,
  NODE_HASHES_HEX,
  ROOTS_HEX,
} from '../testing/rfc6962-vectors.js';
import { generateConsistencyProof, verifyConsistency } from './consistency.js';
import { generateInclusionProof, verifyInclusion } from './inclusion.js';
import { CompactRange, EMPTY_ROOT, hashLeaf, rootFromLeafHashes, type Hash } from './tree-hash.js';

const hex = (h: Uint8Array): string => Buffer.from(h).toString('hex');
const unhex = (s: string): Buffer => Buffer.from(s, 'hex');
const leafHashes = LEAF_INPUTS_HEX.map((d) => hashLeaf(unhex(d)));
const root = (size: number): Buffer => unhex(ROOTS_HEX[size]!);
const SOME_HASH = unhex('abacaba000000000000000000000000000000000000000000060061e00123456');

function rejects(check: () => void): boolean {
  try {
    check();
    return false;
  } catch (error) {
    if (isBulwarkError(error) && error.code === 'AUDIT_PROOF_INVALID') return true;
    throw error;
  }
}

function flipBit(hashes: readonly Uint8Array[], i: number, bit: number): Buffer[] {
  return hashes.map((h, j) => {
    const copy = Buffer.from(h);
    if (j === i) copy[bit >> 3]! ^= 1 << (bit & 7);
    return copy;
  });
}

describe('RFC 6962 Merkle Tree Hash (published vectors)', () => {
  it('hashes the 8 reference leaves to the published level-0 node hashes', () => {
    expect(leafHashes.map(hex)).toEqual(NODE_HASHES_HEX[0]);
  });

  it('gives the published root for every size 0..8', () => {
    for (let size = 0; size <= 8; size += 1) expect(hex(rootFromLeafHashes(leafHashes.slice(0, size))), `size ${size}`).toBe(ROOTS_HEX[size]);
    expect(hex(EMPTY_ROOT)).toBe(ROOTS_HEX[0]);
  });

  it('keeps the published compact range (right edge) after every append, and its root agrees', () => {
    const range = CompactRange.empty();
    for (let size = 0; size <= 8; size += 1) {
      expect(range.subtrees().map(hex), `size ${size}`).toEqual(COMPACT_RANGES[size]!.map(([l, p]) => NODE_HASHES_HEX[l]![p]));
      expect(hex(range.root())).toBe(ROOTS_HEX[size]);
      if (size < 8) range.append(leafHashes[size]!);
    }
  });

  it('refuses to restore a range whose hash count does not fit its size', () => {
    expect(CompactRange.restore(3, [leafHashes[0]!])).toBeNull();
    expect(CompactRange.restore(3, [leafHashes[0]!, Buffer.alloc(31)])).toBeNull();
    expect(CompactRange.restore(3, [unhex(NODE_HASHES_HEX[1]![0]!), leafHashes[2]!])?.root()).toEqual(root(3));
  });
});

describe('inclusion proofs (RFC 6962 §2.1.1, RFC 9162 §2.1.3.2)', () => {
  it.each(INCLUSION_VECTORS)('generates and verifies the published path for leaf $index of $size', ({ index, size, proof }) => {
    const generated = generateInclusionProof(leafHashes, index, size);
    expect(generated.map(hex)).toEqual(proof);
    expect(() => verifyInclusion(index, size, leafHashes[index]!, proof.map(unhex), root(size))).not.toThrow();
  });

  it('verifies a single-entry tree with an empty path', () => {
    expect(() => verifyInclusion(0, 1, leafHashes[0]!, [], root(1))).not.toThrow();
  });

  it.each(INCLUSION_VECTORS)('rejects every corruption of the path for leaf $index of $size', ({ index, size, proof }) => {
    const good = proof.map(unhex);
    const leaf = leafHashes[index]!;
    const r = root(size);
    const probes: [string, () => void][] = [
      ['index - 1', () => verifyInclusion(index - 1, size, leaf, good, r)],
      ['index + 1', () => verifyInclusion(index + 1, size, leaf, good, r)],
      ['index ^ 2', () => verifyInclusion(index ^ 2, size, leaf, good, r)],
      ['size * 2', () => verifyInclusion(index, size * 2, leaf, good, r)],
      ['size / 2', () => verifyInclusion(index, Math.floor(size / 2), leaf, good, r)],
      ['wrong leaf', () => verifyInclusion(index, size, Buffer.from('WrongLeaf'), good, r)],
      ['empty root', () => verifyInclusion(index, size, leaf, good, EMPTY_ROOT)],
      ['random root', () => verifyInclusion(index, size, leaf, good, SOME_HASH)],
      ['trailing garbage', () => verifyInclusion(index, size, leaf, [...good, Buffer.alloc(0)], r)],
      ['trailing root', () => verifyInclusion(index, size, leaf, [...good, r], r)],
      ['preceding root', () => verifyInclusion(index, size, leaf, [r, ...good], r)],
      ['removed component', () => verifyInclusion(index, size, leaf, good.slice(0, -1), r)],
      ['inserted component', () => verifyInclusion(index, size, leaf, [good[0]!, SOME_HASH, ...good.slice(1)], r)],
      ...good.map((_, i): [string, () => void] => [`proof[${i}] bit 3`, () => verifyInclusion(index, size, leaf, flipBit(good, i, 3), r)]),
    ];
    for (const [name, probe] of probes) expect(rejects(probe), name).toBe(true);
  });

  it('rejects sizes and indexes outside the tree', () => {
    for (const [index, size] of [[0, 0], [1, 0], [2, 1], [-1, 4], [0.5, 4], [0, Number.MAX_SAFE_INTEGER + 1]] as const) {
      expect(rejects(() => verifyInclusion(index, size, SOME_HASH, [], EMPTY_ROOT)), `${index} of ${size}`).toBe(true);
    }
  });
});

describe('consistency proofs (RFC 6962 §2.1.2, RFC 9162 §2.1.4.2)', () => {
  it.each(CONSISTENCY_VECTORS)('generates and verifies the published proof $first → $second', ({ first, second, proof }) => {
    expect(generateConsistencyProof(leafHashes, first, second).map(hex)).toEqual(proof);
    expect(() => verifyConsistency(first, second, proof.map(unhex), root(first), root(second))).not.toThrow();
  });

  it.each(CONSISTENCY_VECTORS.filter((v) => v.proof.length > 0))('rejects every corruption of $first → $second', ({ first, second, proof }) => {
    const good = proof.map(unhex);
    const [r1, r2] = [root(first), root(second)];
    const probes: [string, () => void][] = [
      ['first - 1', () => verifyConsistency(first - 1, second, good, r1, r2)],
      ['first + 1', () => verifyConsistency(first + 1, second, good, r1, r2)],
      ['first ^ 2', () => verifyConsistency(first ^ 2, second, good, r1, r2)],
      ['second * 2', () => verifyConsistency(first, second * 2, good, r1, r2)],
      ['second / 2', () => verifyConsistency(first, Math.floor(second / 2), good, r1, r2)],
      ['wrong first root', () => verifyConsistency(first, second, good, SOME_HASH, r2)],
      ['wrong second root', () => verifyConsistency(first, second, good, r1, SOME_HASH)],
      ['swapped roots', () => verifyConsistency(first, second, good, r2, r1)],
      ['empty proof', () => verifyConsistency(first, second, [], r1, r2)],
      ['trailing root1', () => verifyConsistency(first, second, [...good, r1], r1, r2)],
      ['trailing root2', () => verifyConsistency(first, second, [...good, r2], r1, r2)],
      ['preceding root1', () => verifyConsistency(first, second, [r1, ...good], r1, r2)],
      ['preceding proof[0]', () => verifyConsistency(first, second, [good[0]!, ...good], r1, r2)],
      ['truncated', () => verifyConsistency(first, second, good.slice(0, -1), r1, r2)],
      ...good.map((_, i): [string, () => void] => [`proof[${i}] bit 4`, () => verifyConsistency(first, second, flipBit(good, i, 4), r1, r2)]),
    ];
    for (const [name, probe] of probes) expect(rejects(probe), name).toBe(true);
  });

  it('follows transparency-dev for the edge sizes', () => {
    const [a, b] = [SOME_HASH, EMPTY_ROOT];
    expect(rejects(() => verifyConsistency(0, 0, [], a, b))).toBe(true); // equal sizes, different roots
    expect(rejects(() => verifyConsistency(0, 1, [], a, b))).toBe(false); // the empty tree precedes anything
    expect(rejects(() => verifyConsistency(1, 1, [], b, b))).toBe(false);
    expect(rejects(() => verifyConsistency(1, 0, [], a, b))).toBe(true); // time travel
    expect(rejects(() => verifyConsistency(1, 2, [], a, b))).toBe(true);
    expect(rejects(() => verifyConsistency(1, 1, [b], b, b))).toBe(true); // equal roots, non-empty proof
  });
});

/** A random log of 1..300 distinct leaves. */
const leavesArb = fc.integer({ min: 1, max: 300 }).map((n) => Array.from({ length: n }, (_, i) => hashLeaf(`entry-${i}`)));

describe('proof properties (fast-check)', () => {
  it('every generated inclusion proof verifies, against the root from the compact range too', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), fc.nat(), (leaves, a, b) => {
        const size = 1 + (a % leaves.length);
        const index = b % size;
        const range = CompactRange.empty();
        for (const h of leaves.slice(0, size)) range.append(h);
        expect(range.root()).toEqual(rootFromLeafHashes(leaves.slice(0, size)));
        verifyInclusion(index, size, leaves[index]!, generateInclusionProof(leaves, index, size), range.root());
      }),
    );
  });

  it('every generated consistency proof verifies', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), fc.nat(), (leaves, a, b) => {
        const second = 1 + (a % leaves.length);
        const first = b % (second + 1);
        const proof = generateConsistencyProof(leaves, first, second);
        verifyConsistency(first, second, proof, rootFromLeafHashes(leaves.slice(0, first)), rootFromLeafHashes(leaves.slice(0, second)));
      }),
    );
  });

  it('any bit flip in an inclusion proof, leaf hash, root or index fails', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), fc.nat(), fc.nat(), fc.constantFrom('proof', 'leaf', 'root', 'index'), (leaves, a, pick, bit, target) => {
        const size = leaves.length;
        const index = a % size;
        const proof = generateInclusionProof(leaves, index, size);
        const r = rootFromLeafHashes(leaves);
        const flip = (h: Hash): Buffer => flipBit([h], 0, bit % 256)[0]!;
        if (target === 'proof' && proof.length === 0) return;
        const probe = {
          proof: () => verifyInclusion(index, size, leaves[index]!, flipBit(proof, pick % proof.length, bit % 256), r),
          leaf: () => verifyInclusion(index, size, flip(leaves[index]!), proof, r),
          root: () => verifyInclusion(index, size, leaves[index]!, proof, flip(r)),
          index: () => verifyInclusion(index ^ (1 << (bit % 9)), size, leaves[index]!, proof, r),
        }[target];
        expect(rejects(probe)).toBe(true);
      }),
    );
  });

  it('any bit flip in a consistency proof or either root fails', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), fc.nat(), fc.nat(), fc.constantFrom('proof', 'first', 'second'), (leaves, a, pick, bit, target) => {
        const second = leaves.length;
        const first = 1 + (a % second);
        if (first === second) return;
        const proof = generateConsistencyProof(leaves, first, second);
        const r1 = rootFromLeafHashes(leaves.slice(0, first));
        const r2 = rootFromLeafHashes(leaves);
        const b = bit % 256;
        const probe = {
          proof: () => verifyConsistency(first, second, flipBit(proof, pick % proof.length, b), r1, r2),
          first: () => verifyConsistency(first, second, proof, flipBit([r1], 0, b)[0]!, r2),
          second: () => verifyConsistency(first, second, proof, r1, flipBit([r2], 0, b)[0]!),
        }[target];
        expect(rejects(probe)).toBe(true);
      }),
    );
  });
});
