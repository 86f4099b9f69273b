import { checkHash, checkSize, copyHashes, half, isOdd, proofInvalid, sameHash } from './proof-error.js';
import { splitPoint, subtreeRoot, hashChildren, type Hash } from './tree-hash.js';

/**
 * PROOF(m, D[n]) = SUBPROOF(m, D[n], true) of RFC 6962 §2.1.2: what a verifier holding the root of the
 * first m leaves needs to check that the tree of n leaves only appended to it. Empty for m = 0 and m = n.
 */
export function generateConsistencyProof(leafHashes: readonly Hash[], first: number, second = leafHashes.length): Hash[] {
  checkSize(first, 'first size');
  checkSize(second, 'second size');
  if (second > leafHashes.length) throw proofInvalid('second size exceeds the leaves available');
  if (first > second) throw proofInvalid('first size is larger than second size');
  if (first === 0 || first === second) return [];
  return subproof(leafHashes, first, 0, second, true);
}

function subproof(leafHashes: readonly Hash[], m: number, start: number, end: number, complete: boolean): Hash[] {
  const n = end - start;
  if (m === n) return complete ? [] : [subtreeRoot(leafHashes, start, end)];
  const k = splitPoint(n);
  if (m <= k) return [...subproof(leafHashes, m, start, start + k, complete), subtreeRoot(leafHashes, start + k, end)];
  return [...subproof(leafHashes, m - k, start + k, end, false), subtreeRoot(leafHashes, start, start + k)];
}

/**
 * Throws AUDIT_PROOF_INVALID unless the tree (second, secondRoot) extends (first, firstRoot),
 * RFC 9162 §2.1.4.2. The threat is a log that rewrote history: a fork that still signs checkpoints.
 * The edge cases follow transparency-dev/merkle: size 0 is consistent with anything (empty proof);
 * equal sizes need equal roots and an empty proof.
 */
export function verifyConsistency(
  first: number,
  second: number,
  proof: readonly Uint8Array[],
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
): void {
  checkSize(first, 'first size');
  checkSize(second, 'second size');
  checkHash(firstRoot, 'first root');
  checkHash(secondRoot, 'second root');
  const path = copyHashes(proof, 'proof');
  if (first > second) throw proofInvalid('first size is larger than second size');
  if (first === second || first === 0) {
    if (path.length > 0) throw proofInvalid('a proof between these sizes must be empty');
    if (first === second && !sameHash(firstRoot, secondRoot)) throw proofInvalid('equal sizes with different roots');
    return;
  }
  const [fr, sr, sn] = foldConsistencyPath(first, second, path, firstRoot);
  if (sn !== 0) throw proofInvalid('proof is shorter than the tree is deep');
  if (!sameHash(fr, firstRoot)) throw proofInvalid('the proof does not lead to the first root');
  if (!sameHash(sr, secondRoot)) throw proofInvalid('the proof does not lead to the second root');
}

/** Steps 2–6 of RFC 9162 §2.1.4.2 for 0 < first < second. */
function foldConsistencyPath(first: number, second: number, proof: Hash[], firstRoot: Uint8Array): [Hash, Hash, number] {
  // Step 2: when `first` is a power of two its root is a node of the new tree, so the proof omits it.
  const path = isPowerOfTwo(first) ? [Buffer.from(firstRoot), ...proof] : proof;
  const [head, ...rest] = path;
  if (head === undefined) throw proofInvalid('proof is empty');
  let fn = first - 1;
  let sn = second - 1;
  while (isOdd(fn)) [fn, sn] = [half(fn), half(sn)];
  let fr = head;
  let sr = head;
  for (const c of rest) {
    if (sn === 0) throw proofInvalid('proof is longer than the tree is deep');
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = hashChildren(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return [fr, sr, sn];
}

function isPowerOfTwo(n: number): boolean {
  let x = n;
  while (x > 1 && !isOdd(x)) x = half(x);
  return x === 1;
}
