import { performance } from 'node:perf_hooks';
import type { Guard } from './guard.js';
import { applyTemplate, type EvalRow } from './eval-data.js';
import { applyTransform, type EvalTransformName } from './obfuscate.js';

export interface EvalSetInput {
  readonly file: string;
  readonly rows: readonly EvalRow[];
}

export interface EvalOptions {
  readonly transforms?: readonly EvalTransformName[];
  readonly templates?: readonly string[];
  readonly onProgress?: (done: number, total: number) => void;
}

export interface EvalSetReport {
  readonly file: string;
  readonly transform: EvalTransformName | null;
  readonly templated: boolean;
  readonly n: number;
  /** Share of `flag` rows flagged; null when the set has none. */
  readonly recall: number | null;
  /** Share of `pass` rows flagged; null when the set has none. */
  readonly fpr: number | null;
  readonly flagged: number;
}

export interface SweepPoint {
  readonly threshold: number;
  readonly recall: number | null;
  readonly fpr: number | null;
}

export interface EvalReport {
  readonly model: string;
  readonly policy: string;
  readonly sets: EvalSetReport[];
  readonly total: { n: number; recall: number | null; fpr: number | null; auroc: number | null; sweep: SweepPoint[] };
  readonly latency_ms: { p50: number; p99: number };
}

interface Scored {
  readonly expected: EvalRow['expected'];
  readonly flagged: boolean;
  /** Highest harmful score, or 1 when a blocking rule matched: what the sweep and AUROC rank by. */
  readonly score: number;
}

/**
 * Runs the guard over every row of every set, once per requested variant (plain, each transform,
 * and template-wrapped). A row is counted as flagged when the policy decision is not `allow`.
 */
export function runEval(guard: Guard, sets: readonly EvalSetInput[], options: EvalOptions = {}): EvalReport {
  const variants = variantsOf(options);
  const total = sets.reduce((sum, set) => sum + set.rows.length * variants.reduce((n, v) => n + (v.templated ? (options.templates?.length ?? 1) : 1), 0), 0);
  const latencies: number[] = [];
  const all: Scored[] = [];
  const reports: EvalSetReport[] = [];
  let done = 0;
  for (const set of sets) {
    for (const variant of variants) {
      const scored: Scored[] = [];
      for (const row of set.rows) {
        for (const text of variantTexts(row.text, variant, options.templates)) {
          const started = performance.now();
          const verdict = guard.evaluate(text);
          latencies.push(performance.now() - started);
          const score = verdict.matchedRules.some((r) => r.action !== 'allow') ? 1 : Math.max(0, ...Object.values(verdict.categoryScores));
          scored.push({ expected: row.expected, flagged: verdict.flagged, score });
          done += 1;
          if (done % 200 === 0) options.onProgress?.(done, total);
        }
      }
      // One at a time: a spread of a templated set (100k+ rows) overflows the call stack.
      for (const s of scored) all.push(s);
      reports.push({ file: set.file, transform: variant.transform, templated: variant.templated, n: scored.length, ...rates(scored) });
    }
  }
  options.onProgress?.(total, total);
  const overall = rates(all);
  return {
    model: guard.modelId,
    policy: guard.policyId,
    sets: reports,
    total: { n: all.length, recall: overall.recall, fpr: overall.fpr, auroc: auroc(all), sweep: sweep(all) },
    latency_ms: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) },
  };
}

interface Variant {
  readonly transform: EvalTransformName | null;
  readonly templated: boolean;
}

function variantsOf(options: EvalOptions): Variant[] {
  const transforms = options.transforms ?? [];
  const base: Variant[] = transforms.length > 0 ? transforms.map((t) => ({ transform: t, templated: false })) : [{ transform: null, templated: false }];
  if (!options.templates || options.templates.length === 0) return base;
  return base.map((v) => ({ ...v, templated: true }));
}

function variantTexts(text: string, variant: Variant, templates: readonly string[] | undefined): string[] {
  const wrapped = variant.templated && templates ? templates.map((t) => applyTemplate(t, text)) : [text];
  return variant.transform ? wrapped.map((t) => applyTransform(variant.transform!, t)) : wrapped;
}

function rates(scored: readonly Scored[]): { recall: number | null; fpr: number | null; flagged: number } {
  let pos = 0;
  let tp = 0;
  let neg = 0;
  let fp = 0;
  for (const s of scored) {
    if (s.expected === 'flag') {
      pos += 1;
      if (s.flagged) tp += 1;
    } else {
      neg += 1;
      if (s.flagged) fp += 1;
    }
  }
  return { recall: pos > 0 ? round(tp / pos) : null, fpr: neg > 0 ? round(fp / neg) : null, flagged: tp + fp };
}

/** Rank-based AUROC (Mann-Whitney U), ties counted half; null unless both classes are present. */
export function auroc(scored: readonly Pick<Scored, 'expected' | 'score'>[]): number | null {
  const sorted = [...scored].sort((a, b) => a.score - b.score);
  let rankSumPos = 0;
  let pos = 0;
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]!.score === sorted[i]!.score) j += 1;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k += 1) {
      if (sorted[k]!.expected === 'flag') {
        rankSumPos += averageRank;
        pos += 1;
      }
    }
    i = j + 1;
  }
  const neg = sorted.length - pos;
  if (pos === 0 || neg === 0) return null;
  return round((rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg));
}

function sweep(scored: readonly Scored[]): SweepPoint[] {
  const points: SweepPoint[] = [];
  for (let t = 0.05; t < 1; t += 0.05) {
    const threshold = Math.round(t * 100) / 100;
    const { recall, fpr } = rates(scored.map((s) => ({ ...s, flagged: s.score >= threshold })));
    points.push({ threshold, recall, fpr });
  }
  return points;
}

export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return round(sorted[index]!, 4);
}

function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
