import { runEval, type EvalSetInput } from './eval.js';
import type { EvalRow } from './eval-data.js';
import type { Guard } from './guard.js';
import { applyTransform, TRANSFORMS, type TransformName } from './obfuscate.js';

/**
 * The gate a candidate policy passes before it replaces the one in force (`bulwark policy promote`):
 * the rapid-response loop's check that a patch for a reported jailbreak catches it, in every
 * obfuscation family the normalizer undoes, and does not buy that with over-refusal.
 */
export interface PromotionGate {
  /** Largest rise in a benign set's flag rate (candidate minus current) that still passes. */
  readonly maxFprIncrease: number;
}

export interface PromotionSetResult {
  readonly file: string;
  readonly n: number;
  readonly current: { readonly recall: number | null; readonly fpr: number | null } | null;
  readonly candidate: { readonly recall: number | null; readonly fpr: number | null };
}

export interface ReportedMiss {
  readonly id: string;
  /** null: the text as reported. */
  readonly transform: TransformName | null;
}

export interface PromotionReport {
  readonly candidate: string;
  readonly current: string | null;
  readonly sets: readonly PromotionSetResult[];
  /** The reported prompts: how many, as how many variants, and which variants the candidate lets through. */
  readonly reported: { readonly n: number; readonly variants: number; readonly missed: readonly ReportedMiss[] } | null;
  /** Empty when the candidate passes. */
  readonly problems: readonly string[];
}

export interface PromotionInput {
  readonly candidate: Guard;
  /** The guard with the policy in force; null when there is none yet (only the reported prompts are checked). */
  readonly current: Guard | null;
  /** Labelled sets: benign rows bound over-refusal, harmful rows must not lose recall. */
  readonly sets: readonly EvalSetInput[];
  /** Prompts that must be flagged (a reported jailbreak and its kind), each also in every obfuscation family. */
  readonly reported: readonly EvalRow[];
}

export function checkPromotion(input: PromotionInput, gate: PromotionGate): PromotionReport {
  const problems: string[] = [];
  const sets = input.sets.map((set): PromotionSetResult => {
    const candidate = runEval(input.candidate, [set]).total;
    const current = input.current === null ? null : runEval(input.current, [set]).total;
    const result = { file: set.file, n: set.rows.length, current: current && { recall: current.recall, fpr: current.fpr }, candidate: { recall: candidate.recall, fpr: candidate.fpr } };
    problems.push(...setProblems(result, gate));
    return result;
  });
  const reported = input.reported.length === 0 ? null : checkReported(input.candidate, input.reported);
  if (reported !== null && reported.missed.length > 0) {
    problems.push(`the candidate lets through ${reported.missed.length} of ${reported.variants} reported variants (${describeMisses(reported.missed)})`);
  }
  return { candidate: input.candidate.policyId, current: input.current?.policyId ?? null, sets, reported, problems };
}

function setProblems(result: PromotionSetResult, gate: PromotionGate): string[] {
  const { current, candidate } = result;
  if (current === null) return [];
  const problems: string[] = [];
  if (candidate.fpr !== null && current.fpr !== null && candidate.fpr - current.fpr > gate.maxFprIncrease + 1e-9) {
    problems.push(`${result.file}: benign flag rate ${current.fpr} → ${candidate.fpr}, more than the allowed +${gate.maxFprIncrease}`);
  }
  if (candidate.recall !== null && current.recall !== null && candidate.recall < current.recall) {
    problems.push(`${result.file}: recall ${current.recall} → ${candidate.recall}; a promotion may not lose recall`);
  }
  return problems;
}

/** Every reported prompt as given and in each obfuscation family: the automatic variants an attacker tries next. */
function checkReported(candidate: Guard, rows: readonly EvalRow[]): { n: number; variants: number; missed: ReportedMiss[] } {
  const missed: ReportedMiss[] = [];
  let variants = 0;
  for (const row of rows) {
    for (const transform of [null, ...TRANSFORMS]) {
      variants += 1;
      const text = transform === null ? row.text : applyTransform(transform, row.text);
      if (!candidate.evaluate(text).flagged) missed.push({ id: row.id, transform });
    }
  }
  return { n: rows.length, variants, missed };
}

function describeMisses(missed: readonly ReportedMiss[]): string {
  const shown = missed.slice(0, 5).map((miss) => `${miss.id}${miss.transform === null ? '' : ` as ${miss.transform}`}`);
  return missed.length > shown.length ? `${shown.join(', ')}, …` : shown.join(', ');
}
