/**
 * The egress ledger port: token buckets (rate caps) and rolling-window byte budgets, charged in one
 * atomic step per chunk so that N proxies sharing one ledger enforce one limit. Adapters: the local
 * ledger (memory, budgets persisted in the store) and the Redis ledger (Lua scripts).
 */
export interface BucketRef {
  /** `identity:NAME`, `destination:PATTERN`, `enclave`, with a direction suffix. */
  readonly key: string;
  readonly bytesPerSecond: number;
  readonly burstBytes: number;
}

export interface BudgetRef {
  /** `identity:NAME` or `enclave`. */
  readonly scope: string;
  readonly window: string;
  readonly windowMs: number;
  readonly limitBytes: number;
}

export interface BudgetCrossing {
  readonly budget: BudgetRef;
  /** The alert fraction just crossed; 1 means exhausted. */
  readonly fraction: number;
  readonly usedBytes: number;
}

export interface TakeResult {
  /** Bytes the caller may forward now: less than asked when a budget ran out. */
  readonly granted: number;
  /** How long to stop reading so the bucket with the deepest debt refills (0: go on). */
  readonly waitMs: number;
  /** A budget that is used up after this take; null while every budget has room. */
  readonly exhausted: BudgetRef | null;
  readonly crossings: readonly BudgetCrossing[];
  /** Settles when the take is durable (a write-behind flush after a crossing); forward only after it. */
  readonly ready?: Promise<void>;
}

export interface BudgetUsage {
  readonly budget: BudgetRef;
  readonly usedBytes: number;
}

export interface EgressLedger {
  /**
   * Charges `bytes` (or the part the budgets allow) to every budget and bucket. Buckets may go into
   * debt by one chunk; the returned wait pays it back, which keeps the long-run rate on the cap.
   * Rejects when the ledger cannot be reached; the caller fails closed.
   */
  take(buckets: readonly BucketRef[], budgets: readonly BudgetRef[], bytes: number): Promise<TakeResult>;
  /**
   * The same charge, synchronously, for ledgers that keep their state in process memory: the proxy
   * forwards a fully granted chunk without a pause/resume and promise per chunk. Absent on shared ledgers.
   */
  takeSync?(buckets: readonly BucketRef[], budgets: readonly BudgetRef[], bytes: number): TakeResult;
  /** Current usage of each budget, without charging anything. */
  usage(budgets: readonly BudgetRef[]): Promise<BudgetUsage[]>;
  close(): Promise<void>;
}

/** Budgets keep this many slots per window: usage is exact to 1/60 of the window, never under-counted. */
export const BUDGET_SLOTS_PER_WINDOW = 60;

export function slotMsOf(windowMs: number): number {
  return Math.ceil(windowMs / BUDGET_SLOTS_PER_WINDOW);
}

/** The first slot start still inside the window ending in the slot that holds `now`. */
export function oldestLiveSlot(windowMs: number, now: number): number {
  const slotMs = slotMsOf(windowMs);
  return (Math.floor(now / slotMs) - (BUDGET_SLOTS_PER_WINDOW - 1)) * slotMs;
}

export function currentSlot(windowMs: number, now: number): number {
  const slotMs = slotMsOf(windowMs);
  return Math.floor(now / slotMs) * slotMs;
}

/** The alert fractions (and 1, exhaustion) that usage passed on its way from `before` to `after`. */
export function crossedFractions(budget: BudgetRef, before: number, after: number, fractions: readonly number[]): BudgetCrossing[] {
  const out: BudgetCrossing[] = [];
  for (const fraction of [...fractions, 1]) {
    const mark = fraction * budget.limitBytes;
    if (before < mark && after >= mark) out.push({ budget, fraction, usedBytes: after });
  }
  return out;
}

export function budgetKey(budget: Pick<BudgetRef, 'scope' | 'window'>): string {
  return `${budget.scope}|${budget.window}`;
}
