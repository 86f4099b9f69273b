/** Metrics and threshold choice for one category, computed on the validation split. */
export interface CategoryMetrics {
  readonly threshold: number;
  readonly positives: number;
  readonly negatives: number;
  /** Share of this category's rows scoring at or above the threshold. */
  readonly recall: number;
  /** Share of benign rows scoring at or above the threshold. */
  readonly falsePositiveRate: number;
  /** Area under the ROC curve (rank statistic, ties count half). */
  readonly auc: number;
}

/** Never recommend a threshold below this: a score under it is not evidence of anything. */
export const MIN_THRESHOLD = 0.05;

/**
 * The lowest threshold whose false-positive rate on benign validation rows is at most
 * `targetFpr`: recall is maximized under an explicit over-refusal budget (design invariant 7).
 */
export function chooseThreshold(negatives: readonly number[], targetFpr: number): number {
  const sorted = [...negatives].sort((a, b) => b - a);
  const allowed = Math.floor(targetFpr * sorted.length);
  const boundary = sorted[allowed];
  if (boundary === undefined) return MIN_THRESHOLD;
  // Just above the highest benign score that must not be flagged.
  return Math.max(MIN_THRESHOLD, Math.min(0.999, boundary + 1e-4));
}

export function rate(scores: readonly number[], threshold: number): number {
  if (scores.length === 0) return 0;
  return scores.filter((s) => s >= threshold).length / scores.length;
}

export function auc(positives: readonly number[], negatives: readonly number[]): number {
  if (positives.length === 0 || negatives.length === 0) return 0;
  const all = [...positives.map((s) => [s, 1] as const), ...negatives.map((s) => [s, 0] as const)].sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]![0] === all[i]![0]) j += 1;
    const meanRank = (i + j + 1) / 2;
    for (let k = i; k < j; k += 1) if (all[k]![1] === 1) rankSum += meanRank;
    i = j;
  }
  const p = positives.length;
  return (rankSum - (p * (p + 1)) / 2) / (p * negatives.length);
}

export function categoryMetrics(positives: readonly number[], negatives: readonly number[], threshold: number): CategoryMetrics {
  return {
    threshold,
    positives: positives.length,
    negatives: negatives.length,
    recall: rate(positives, threshold),
    falsePositiveRate: rate(negatives, threshold),
    auc: auc(positives, negatives),
  };
}
