import { checkHash, checkSize, copyHashes, half, isOdd, proofInvalid, sameHash } from './proof-error.js';
import { hashChildren, splitPoint, subtreeRoot, type Hash } from './tree-hash.js';

/**
 * PATH(m, D[n]) of RFC 6962 §2.1.1 over already-hashed leaves: the sibling subtree roots from the
 * leaf up to the root. `size` lets a proof be made against an earlier (checkpointed) tree.
 */
export function generateInclusionProof(leafHashes: readonly Hash[], index: number, size = leafHashes.length): Hash[] {
  checkSize(size, 'tree size');
  checkSize(index, 'leaf index');
  if (size > leafHashes.length) throw proofInvalid('tree size exceeds the leaves available');
  if (index >= size) throw proofInvalid('leaf index is not inside the tree');
  return path(leafHashes, index, 0, size);
}

function path(leafHashes: readonly Hash[], m: number, start: number, end: number): Hash[] {
  const n = end - start;
  if (n <= 1) return [];
  const k = splitPoint(n);
  if (m < k) return [...path(leafHashes, m, start, start + k), subtreeRoot(leafHashes, start + k, end)];
  return [...path(leafHashes, m - k, start + k, end), subtreeRoot(leafHashes, start, start + k)];
}

/**
 * The root a valid inclusion proof leads to, RFC 9162 §2.1.3.2. Every input is attacker-controlled:
 * sizes are checked before use, and a proof one hash too long or too short fails (the `sn` checks).
 */
export function rootFromInclusionProof(index: number, size: number, leafHash: Uint8Array, proof: readonly Uint8Array[]): Hash {
  checkSize(size, 'tree size');
  checkSize(index, 'leaf index');
  checkHash(leafHash, 'leaf hash');
  const siblings = copyHashes(proof, 'proof');
  if (index >= size) throw proofInvalid('leaf index is not inside the tree');
  let fn = index;
  let sn = size - 1;
  let r: Hash = Buffer.from(leafHash);
  for (const p of siblings) {
    if (sn === 0) throw proofInvalid('proof is longer than the tree is deep');
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = hashChildren(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  if (sn !== 0) throw proofInvalid('proof is shorter than the tree is deep');
  return r;
}

/** Throws AUDIT_PROOF_INVALID unless `leafHash` is entry `index` of the tree of `size` with `root`. */
export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  checkHash(root, 'root');
  if (!sameHash(rootFromInclusionProof(index, size, leafHash, proof), root)) {
    throw proofInvalid('the proof leads to a different root');
  }
}
