import { fixedClock } from '../core/clock.js';
import { ConversationRisk, createMemoryRiskLedger, type RiskSettings } from './conversation-risk.js';
import { mostSevere, type Decision } from './decision.js';
import type { EvalMessage, EvalRow } from './eval-data.js';
import type { EvalSetInput } from './eval.js';
import type { Guard } from './guard.js';

/** Simulated time between turns: risk decays between them as it would in a live conversation. */
export const DEFAULT_EVAL_TURN_GAP_MS = 60_000;

export interface ConversationRowResult {
  readonly id: string;
  readonly expected: EvalRow['expected'];
  readonly turns: number;
  /** The most severe decision the conversation reached, guard and risk together. */
  readonly reached: Decision;
  /** The same with the single-request guard alone (no conversation risk). */
  readonly guardAlone: Decision;
  /** The most severe decision conversation risk reached by itself. */
  readonly riskAlone: Decision;
  /** 1-based user turn at which it first reached flag or block; null if never. */
  readonly stoppedAtTurn: number | null;
}

export interface ConversationSetReport {
  readonly file: string;
  readonly attacks: number;
  readonly benign: number;
  /** Share of attack conversations that reached flag or block. */
  readonly attacksStopped: number | null;
  /** Share of attack conversations that reached block. */
  readonly attacksBlocked: number | null;
  readonly benignFlagged: number | null;
  /** The same two shares with the single-request guard alone, to show what conversation risk adds. */
  readonly guardAloneAttacksStopped: number | null;
  readonly guardAloneBenignFlagged: number | null;
  /** What conversation risk flags by itself, whatever the single-request guard said. */
  readonly riskAloneAttacksStopped: number | null;
  readonly riskAloneBenignFlagged: number | null;
  readonly meanStopTurn: number | null;
}

export interface ConversationEvalReport {
  readonly model: string;
  readonly policy: string;
  readonly settings: RiskSettings;
  readonly sets: ConversationSetReport[];
  readonly rows: ConversationRowResult[];
}

/**
 * Replays each row turn by turn as the gateway sees it: every user turn sends the whole history, the
 * guard classifies the whole conversation, and the newest turn adds to a fresh in-memory risk ledger
 * (one conversation, one account per row). A row counts as flagged once any turn reaches flag/block.
 */
export async function runConversationEval(guard: Guard, sets: readonly EvalSetInput[], settings: RiskSettings, turnGapMs = DEFAULT_EVAL_TURN_GAP_MS): Promise<ConversationEvalReport> {
  const rows: ConversationRowResult[] = [];
  const reports: ConversationSetReport[] = [];
  for (const set of sets) {
    const results: ConversationRowResult[] = [];
    for (const row of set.rows) results.push(await replayRow(guard, row, settings, turnGapMs));
    rows.push(...results);
    reports.push(summarize(set.file, results));
  }
  return { model: guard.modelId, policy: guard.policyId, settings, sets: reports, rows };
}

async function replayRow(guard: Guard, row: EvalRow, settings: RiskSettings, turnGapMs: number): Promise<ConversationRowResult> {
  const messages: readonly EvalMessage[] = row.messages ?? [{ role: 'user', content: row.text }];
  const clock = fixedClock(0);
  const risk = new ConversationRisk(createMemoryRiskLedger(settings, clock), guard, settings);
  const keys = { conversation: row.id, account: row.id };
  let reached: Decision = 'allow';
  let guardAlone: Decision = 'allow';
  let riskAlone: Decision = 'allow';
  let stoppedAtTurn: number | null = null;
  let turns = 0;
  for (let k = 0; k < messages.length; k += 1) {
    if (messages[k]!.role !== 'user') continue;
    turns += 1;
    clock.advance(turnGapMs);
    const upTo = messages.slice(0, k + 1);
    const lastAssistant = upTo.findLastIndex((m) => m.role === 'assistant');
    // As the gateway does: one conversation's resent windows are scored once.
    const whole = guard.evaluate(joinTexts(upTo.map((m) => m.content)), 'input', `eval\u0000${row.id}`);
    const latest = guard.evaluate(joinTexts(upTo.slice(lastAssistant + 1).filter((m) => m.role !== 'system').map((m) => m.content)));
    const assessed = await risk.assess(keys, latest, turns);
    const decision = mostSevere(whole.policyDecision, assessed.decision);
    guardAlone = mostSevere(guardAlone, whole.policyDecision);
    riskAlone = mostSevere(riskAlone, assessed.decision);
    reached = mostSevere(reached, decision);
    if (stoppedAtTurn === null && decision !== 'allow') stoppedAtTurn = turns;
  }
  return { id: row.id, expected: row.expected, turns, reached, guardAlone, riskAlone, stoppedAtTurn };
}

function summarize(file: string, results: readonly ConversationRowResult[]): ConversationSetReport {
  const attacks = results.filter((r) => r.expected === 'flag');
  const benign = results.filter((r) => r.expected === 'pass');
  const share = (of: readonly ConversationRowResult[], hit: (r: ConversationRowResult) => boolean) =>
    of.length === 0 ? null : Math.round((of.filter(hit).length / of.length) * 1e4) / 1e4;
  const stopped = attacks.filter((r) => r.stoppedAtTurn !== null);
  return {
    file,
    attacks: attacks.length,
    benign: benign.length,
    attacksStopped: share(attacks, (r) => r.reached !== 'allow'),
    attacksBlocked: share(attacks, (r) => r.reached === 'block'),
    benignFlagged: share(benign, (r) => r.reached !== 'allow'),
    guardAloneAttacksStopped: share(attacks, (r) => r.guardAlone !== 'allow'),
    guardAloneBenignFlagged: share(benign, (r) => r.guardAlone !== 'allow'),
    riskAloneAttacksStopped: share(attacks, (r) => r.riskAlone !== 'allow'),
    riskAloneBenignFlagged: share(benign, (r) => r.riskAlone !== 'allow'),
    meanStopTurn: stopped.length === 0 ? null : Math.round((stopped.reduce((n, r) => n + r.stoppedAtTurn!, 0) / stopped.length) * 100) / 100,
  };
}

function joinTexts(texts: readonly string[]): string {
  return texts.filter((t) => t.trim().length > 0).join('\n');
}
