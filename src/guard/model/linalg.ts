/**
 * Eigenvectors of a symmetric matrix by cyclic Jacobi rotations. Small (100x100) and run once at
 * training time; a fixed sweep order keeps the result bit-for-bit reproducible.
 * Returns the `k` eigenvectors with the largest eigenvalues as rows of a k x n matrix, each with
 * its largest-magnitude component made positive (eigenvector sign is otherwise arbitrary).
 */
export function topEigenvectors(matrix: Float64Array, n: number, k: number): Float64Array {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep += 1) {
    let off = 0;
    for (let p = 0; p < n; p += 1) for (let q = p + 1; q < n; q += 1) off += a[p * n + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p += 1) for (let q = p + 1; q < n; q += 1) rotate(a, v, n, p, q);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y]! - a[x * n + x]! || x - y);
  const out = new Float64Array(k * n);
  order.slice(0, k).forEach((col, r) => {
    let big = 0;
    for (let i = 0; i < n; i += 1) if (Math.abs(v[i * n + col]!) > Math.abs(big)) big = v[i * n + col]!;
    const sign = big < 0 ? -1 : 1;
    for (let i = 0; i < n; i += 1) out[r * n + i] = sign * v[i * n + col]!;
  });
  return out;
}

function rotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q]!;
  if (Math.abs(apq) < 1e-300) return;
  const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k += 1) {
    const akp = a[k * n + p]!;
    const akq = a[k * n + q]!;
    a[k * n + p] = c * akp - s * akq;
    a[k * n + q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k += 1) {
    const apk = a[p * n + k]!;
    const aqk = a[q * n + k]!;
    a[p * n + k] = c * apk - s * aqk;
    a[q * n + k] = s * apk + c * aqk;
  }
  for (let k = 0; k < n; k += 1) {
    const vkp = v[k * n + p]!;
    const vkq = v[k * n + q]!;
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}
