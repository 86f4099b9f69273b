import * as nodeCrypto from 'node:crypto';

/** A SHA-256 digest. Buffers internally; hex at the storage and JSON boundary. */
export type Hash = Buffer;

export const HASH_BYTES = 32;

// crypto.hash (Node ≥ 20.12) skips the Hash object and is several times faster for small inputs;
// verification hashes every leaf and node, so it dominates the verifier's speed.
const oneShot: ((algorithm: string, data: nodeCrypto.BinaryLike) => string) | undefined =
  typeof nodeCrypto.hash === 'function' ? nodeCrypto.hash : undefined;

function sha256Hex(data: string | Uint8Array): string {
  return oneShot === undefined ? nodeCrypto.createHash('sha256').update(data).digest('hex') : oneShot('sha256', data);
}

// RFC 6962 §2.1: distinct prefixes for leaves and interior nodes are the second-preimage defence.
// Without them a forged "leaf" could be the concatenation of two child hashes.
const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;
/** Reused for every node hash; safe because hashing is synchronous. */
const nodeInput = Buffer.alloc(1 + 2 * HASH_BYTES);

/** MTH({}) = SHA-256() — RFC 6962 §2.1, the root of an empty log. */
export const EMPTY_ROOT: Hash = Buffer.from(sha256Hex(''), 'hex');

/**
 * Hex of MTH({d(0)}) = SHA-256(0x00 ‖ d(0)) for UTF-8 text. U+0000 encodes as the single byte 0x00,
 * so prefixing the string is exactly prefixing its bytes.
 */
export function leafHashHex(data: string): string {
  return sha256Hex(`\u0000${data}`);
}

/** MTH({d(0)}) = SHA-256(0x00 ‖ d(0)). */
export function hashLeaf(data: string | Uint8Array): Hash {
  if (typeof data === 'string') return Buffer.from(leafHashHex(data), 'hex');
  return Buffer.from(sha256Hex(Buffer.concat([Buffer.from([LEAF_PREFIX]), data])), 'hex');
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Hash {
  if (left.length !== HASH_BYTES || right.length !== HASH_BYTES) {
    return Buffer.from(sha256Hex(Buffer.concat([Buffer.from([NODE_PREFIX]), left, right])), 'hex');
  }
  nodeInput[0] = NODE_PREFIX;
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_BYTES);
  return Buffer.from(sha256Hex(nodeInput), 'hex');
}

/** The largest power of two strictly smaller than n (n ≥ 2): RFC 6962 §2.1's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * MTH(D[n]) over already-hashed leaves, RFC 6962 §2.1, for the half-open range [start, end). Recursion
 * depth is log2(n), so a log of any realistic size cannot overflow the stack.
 */
export function subtreeRoot(leafHashes: readonly Hash[], start: number, end: number): Hash {
  const n = end - start;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return leafHashes[start]!;
  const k = splitPoint(n);
  return hashChildren(subtreeRoot(leafHashes, start, start + k), subtreeRoot(leafHashes, start + k, end));
}

/** The Merkle Tree Hash of a whole list of leaf hashes. */
export function rootFromLeafHashes(leafHashes: readonly Hash[]): Hash {
  return subtreeRoot(leafHashes, 0, leafHashes.length);
}

/**
 * The right edge of a tree of size n (a "compact range", transparency-dev/merkle docs/compact_ranges.md):
 * the roots of the perfect subtrees that the binary digits of n describe, largest (leftmost) first.
 * With it an append costs O(log n) hashes instead of recomputing the tree.
 */
export class CompactRange {
  #size: number;
  readonly #subtrees: Hash[];

  private constructor(size: number, subtrees: Hash[]) {
    this.#size = size;
    this.#subtrees = subtrees;
  }

  static empty(): CompactRange {
    return new CompactRange(0, []);
  }

  /** Rebuilds a stored range; null when the hashes cannot describe a tree of that size. */
  static restore(size: number, subtrees: readonly Uint8Array[]): CompactRange | null {
    if (!Number.isSafeInteger(size) || size < 0 || subtrees.length !== popCount(size)) return null;
    if (!subtrees.every((h) => h.length === HASH_BYTES)) return null;
    return new CompactRange(size, subtrees.map((h) => Buffer.from(h)));
  }

  get size(): number {
    return this.#size;
  }

  /** A copy of the subtree roots, largest first. */
  subtrees(): Hash[] {
    return this.#subtrees.slice();
  }

  append(leafHash: Hash): void {
    let carry = leafHash;
    // Each trailing 1-bit of the old size is a perfect subtree that the new leaf now completes.
    for (let s = this.#size; s % 2 === 1; s = Math.floor(s / 2)) {
      carry = hashChildren(this.#subtrees.pop()!, carry);
    }
    this.#subtrees.push(carry);
    this.#size += 1;
  }

  /** MTH of the tree: fold the subtrees from the right. */
  root(): Hash {
    const last = this.#subtrees.length - 1;
    let root = this.#subtrees[last];
    if (root === undefined) return EMPTY_ROOT;
    for (let i = last - 1; i >= 0; i -= 1) root = hashChildren(this.#subtrees[i]!, root);
    return root;
  }
}

function popCount(n: number): number {
  let bits = 0;
  for (let s = n; s > 0; s = Math.floor(s / 2)) bits += s % 2;
  return bits;
}
