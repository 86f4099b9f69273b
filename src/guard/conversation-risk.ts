import type { Clock } from '../core/clock.js';
import type { Policy } from '../config/policy-schema.js';
import type { Decision } from './decision.js';
import type { GuardVerdict, PolicyInForce } from './guard.js';

/** Thresholds and decay of conversation- and account-level risk (config `gateway.risk`). */
export interface RiskSettings {
  readonly conversationHalfLifeMs: number;
  readonly accountHalfLifeMs: number;
  readonly conversationFlagAt: number;
  readonly conversationBlockAt: number;
  readonly accountFlagAt: number;
  readonly accountBlockAt: number;
  /** A turn scoring below this share of its category's threshold adds nothing. */
  readonly turnFloor: number;
  /** The most one turn adds. */
  readonly turnCap: number;
}

/** The two scores one exchange belongs to; both are opaque, already scoped to the tenant. */
export interface RiskKeys {
  readonly conversation: string;
  readonly account: string;
}

export interface RiskTotals {
  readonly conversation: number;
  readonly account: number;
  /** False when the turn was already counted (a retry or a resent history): nothing was added. */
  readonly counted: boolean;
}

/**
 * Where the scores live. `add` decays both scores to now, adds `amount` to both, and reads them back
 * as one atomic step, so replicas sharing a ledger agree. `turn` (the number of user turns in the
 * request) is added only when higher than any turn seen for that conversation: a retried or resent
 * request counts once. `turn: null` always adds (a halted output).
 */
export interface RiskLedger {
  add(keys: RiskKeys, amount: number, turn: number | null): Promise<RiskTotals>;
  close(): Promise<void>;
}

/** What the tracker concluded for one turn; recorded with the decision. */
export interface RiskAssessment {
  readonly decision: Decision;
  readonly added: number;
  readonly conversationScore: number;
  readonly accountScore: number;
  readonly counted: boolean;
}

export function riskSettingsFrom(config: {
  conversationHalfLifeSeconds: number;
  accountHalfLifeSeconds: number;
  conversationFlagAt: number;
  conversationBlockAt: number;
  accountFlagAt: number;
  accountBlockAt: number;
  turnFloor: number;
  turnCap: number;
}): RiskSettings {
  return {
    conversationHalfLifeMs: config.conversationHalfLifeSeconds * 1000,
    accountHalfLifeMs: config.accountHalfLifeSeconds * 1000,
    conversationFlagAt: config.conversationFlagAt,
    conversationBlockAt: config.conversationBlockAt,
    accountFlagAt: config.accountFlagAt,
    accountBlockAt: config.accountBlockAt,
    turnFloor: config.turnFloor,
    turnCap: config.turnCap,
  };
}

/**
 * What one turn adds: its highest harmful score as a share of that category's threshold (1 = a turn
 * that would block on its own), less the floor, capped. Rule matches add nothing: rules are canaries
 * and rapid patches that already block the request they match. Categories under an exemption add
 * nothing either.
 */
export function turnRisk(policy: Policy, verdict: GuardVerdict, settings: RiskSettings, exempt: ReadonlySet<string> = new Set()): number {
  let ratio = 0;
  for (const [id, category] of Object.entries(policy.categories.harmful)) {
    if (category.action === 'allow' || exempt.has(id)) continue;
    const score = verdict.categoryScores[id] ?? 0;
    ratio = Math.max(ratio, score / category.threshold);
  }
  return Math.min(settings.turnCap, Math.max(0, ratio - settings.turnFloor));
}

export function riskDecision(totals: Pick<RiskTotals, 'conversation' | 'account'>, settings: RiskSettings): Decision {
  if (totals.conversation >= settings.conversationBlockAt || totals.account >= settings.accountBlockAt) return 'block';
  if (totals.conversation >= settings.conversationFlagAt || totals.account >= settings.accountFlagAt) return 'flag';
  return 'allow';
}

/** `score` after `elapsedMs` of exponential decay with the given half-life. */
export function decayed(score: number, elapsedMs: number, halfLifeMs: number): number {
  return elapsedMs <= 0 ? score : score * 2 ** (-elapsedMs / halfLifeMs);
}

/** Scores a turn against the ledger and says what the conversation and account now warrant. */
export class ConversationRisk {
  constructor(
    private readonly ledger: RiskLedger,
    private readonly inForce: PolicyInForce,
    readonly settings: RiskSettings,
  ) {}

  async assess(keys: RiskKeys, turnVerdict: GuardVerdict, turn: number | null, exempt?: ReadonlySet<string>): Promise<RiskAssessment> {
    const added = turnRisk(this.inForce.policy, turnVerdict, this.settings, exempt);
    const totals = await this.ledger.add(keys, added, turn);
    return {
      decision: riskDecision(totals, this.settings),
      added: totals.counted ? round(added) : 0,
      conversationScore: round(totals.conversation),
      accountScore: round(totals.account),
      counted: totals.counted,
    };
  }

  /** A halted or refused output is strong evidence: it adds a full turn's cap to both scores. */
  async recordBlockedOutput(keys: RiskKeys): Promise<void> {
    await this.ledger.add(keys, this.settings.turnCap, null);
  }
}

interface Entry {
  score: number;
  at: number;
  turn: number;
}

/**
 * The single-node ledger. Entries that have decayed below a thousandth of a unit are dropped when the
 * map is swept, so memory follows the active conversations, not every conversation ever seen.
 */
export function createMemoryRiskLedger(settings: RiskSettings, clock: Clock, maxEntries = 1_000_000): RiskLedger {
  const conversations = new Map<string, Entry>();
  const accounts = new Map<string, Entry>();
  const touch = (map: Map<string, Entry>, key: string, halfLifeMs: number, now: number): Entry => {
    const entry = map.get(key) ?? { score: 0, at: now, turn: 0 };
    entry.score = decayed(entry.score, now - entry.at, halfLifeMs);
    entry.at = now;
    map.delete(key);
    map.set(key, entry);
    return entry;
  };
  const sweep = (map: Map<string, Entry>, halfLifeMs: number, now: number): void => {
    if (map.size <= maxEntries) return;
    for (const [key, entry] of map) {
      if (decayed(entry.score, now - entry.at, halfLifeMs) < 1e-3 || map.size > maxEntries) map.delete(key);
      else break;
    }
  };
  return {
    add: async (keys, amount, turn) => {
      const now = clock.now();
      const conversation = touch(conversations, keys.conversation, settings.conversationHalfLifeMs, now);
      const account = touch(accounts, keys.account, settings.accountHalfLifeMs, now);
      const counted = turn === null || turn > conversation.turn;
      if (counted) {
        conversation.score += amount;
        account.score += amount;
        if (turn !== null) conversation.turn = turn;
      }
      sweep(conversations, settings.conversationHalfLifeMs, now);
      sweep(accounts, settings.accountHalfLifeMs, now);
      return { conversation: conversation.score, account: account.score, counted };
    },
    close: async () => {
      conversations.clear();
      accounts.clear();
    },
  };
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
