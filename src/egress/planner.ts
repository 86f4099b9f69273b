import { BulwarkError } from '../core/errors.js';
import type { BudgetSpec, EgressConfig } from './config.js';
import { largestArtifactBytes } from './config.js';
import { formatBytes, formatDuration } from '../config/size.js';

/**
 * The time-to-exfiltrate planner: pure arithmetic over the policy. Every estimate is a lower bound
 * (the attacker's best case): a budget lets its whole allowance out at once at the start of each
 * window, a missing limit counts as no limit, and per-destination caps are ignored because an
 * attacker picks the uncapped destination.
 */
export const EXTREME_COMPRESSION = 100;
const SECONDS_PER_DAY = 86_400;

export interface PlanOptions {
  /** Artifact sizes; the largest is planned. Defaults to the config's artifacts. */
  readonly artifactBytes?: readonly number[];
  /** The compression the attacker is assumed to reach (planned together with 1× and 100×). */
  readonly compression?: number;
  /** How many identities collude; defaults to every configured identity. */
  readonly colluding?: number;
}

export interface PlanRow {
  /** `identity NAME` or `K colluding`. */
  readonly path: string;
  readonly identities: readonly string[];
  readonly compression: number;
  /** Bytes that must leave: artifact / compression, rounded up. */
  readonly bytes: number;
  readonly uploadBytesPerSecond: number;
  /** Infinity when nothing can leave (a zero budget). */
  readonly seconds: number;
  /** `rate` or `budget 24h` (identity) / `enclave budget 24h`. */
  readonly limitedBy: string;
}

export interface ExfiltrationPlan {
  readonly artifactBytes: number;
  readonly compressions: readonly number[];
  readonly colluding: number;
  readonly rows: readonly PlanRow[];
}

interface Path {
  readonly name: string;
  readonly identities: readonly string[];
  readonly rate: number;
  readonly budgets: readonly (BudgetSpec & { readonly scope: 'identity' | 'enclave' })[];
}

/** Seconds to move `bytes` at `rate` under rolling-window budgets, and which constraint decides. */
export function secondsToMove(bytes: number, rate: number, budgets: Path['budgets']): { seconds: number; limitedBy: string } {
  let best = { seconds: bytes / rate, limitedBy: 'rate' };
  for (const budget of budgets) {
    const label = `${budget.scope === 'enclave' ? 'enclave ' : ''}budget ${budget.window}`;
    if (budget.bytes <= 0) {
      if (bytes > 0) return { seconds: Infinity, limitedBy: label };
      continue;
    }
    // Whole allowances leave at the start of windows 0..n-2; the remainder in window n-1 at the rate.
    const fullWindows = Math.max(0, Math.ceil(bytes / budget.bytes) - 1);
    const seconds = (fullWindows * budget.windowMs) / 1000 + (bytes - fullWindows * budget.bytes) / rate;
    if (seconds > best.seconds) best = { seconds, limitedBy: label };
  }
  return best;
}

function identityPath(config: EgressConfig, name: string): Path {
  const entry = config.identities[name]!;
  return {
    name: `identity ${name}`,
    identities: [name],
    rate: Math.min(entry.rate, config.enclave.rate),
    budgets: [...entry.budgets.map((b) => ({ ...b, scope: 'identity' as const })), ...enclaveBudgets(config)],
  };
}

function enclaveBudgets(config: EgressConfig): Path['budgets'] {
  return config.enclave.budgets.map((b) => ({ ...b, scope: 'enclave' as const }));
}

/** K identities together: rates add up to the enclave cap; a window binds only if every one has it. */
function colludingPath(config: EgressConfig, names: readonly string[]): Path {
  const entries = names.map((n) => config.identities[n]!);
  const windows = new Map<string, BudgetSpec>();
  for (const budget of entries.flatMap((e) => e.budgets)) windows.set(budget.window, budget);
  const summed = [...windows.values()].flatMap((w) => {
    const each = entries.map((e) => e.budgets.find((b) => b.window === w.window));
    if (each.some((b) => b === undefined)) return [];
    return [{ window: w.window, windowMs: w.windowMs, bytes: each.reduce((sum, b) => sum + b!.bytes, 0), scope: 'identity' as const }];
  });
  const rate = Math.min(config.enclave.rate, entries.reduce((sum, e) => sum + e.rate, 0));
  return { name: `${names.length} colluding`, identities: names, rate, budgets: [...summed, ...enclaveBudgets(config)] };
}

export function planExfiltration(config: EgressConfig, options: PlanOptions = {}): ExfiltrationPlan {
  const artifactBytes = options.artifactBytes && options.artifactBytes.length > 0 ? Math.max(...options.artifactBytes) : largestArtifactBytes(config);
  const compression = options.compression ?? config.minTimeToExfiltrate.compression;
  const compressions = [...new Set([1, compression, EXTREME_COMPRESSION])].sort((a, b) => a - b);
  const singles = Object.keys(config.identities).map((name) => identityPath(config, name));
  // The attacker recruits the identities that are fastest alone.
  const ranked = [...singles].sort((a, b) => secondsToMove(artifactBytes, a.rate, a.budgets).seconds - secondsToMove(artifactBytes, b.rate, b.budgets).seconds);
  const colluding = Math.min(options.colluding ?? singles.length, singles.length);
  const paths = colluding > 1 ? [...singles, colludingPath(config, ranked.slice(0, colluding).map((p) => p.identities[0]!))] : singles;
  const rows = compressions.flatMap((c) =>
    paths.map((path): PlanRow => {
      const bytes = Math.ceil(artifactBytes / c);
      const { seconds, limitedBy } = secondsToMove(bytes, path.rate, path.budgets);
      return { path: path.name, identities: path.identities, compression: c, bytes, uploadBytesPerSecond: path.rate, seconds, limitedBy };
    }),
  );
  return { artifactBytes, compressions, colluding, rows };
}

/** The fastest way out at one compression; null when there is no identity (nothing can leave). */
export function fastestRow(plan: ExfiltrationPlan, compression: number): PlanRow | null {
  const rows = plan.rows.filter((r) => r.compression === compression);
  return rows.reduce<PlanRow | null>((best, row) => (best === null || row.seconds < best.seconds ? row : best), null);
}

export function describeRow(row: PlanRow): string {
  return `${row.path} at ${row.compression}x: ${formatBytes(row.bytes)} in ${formatDuration(row.seconds)} (limited by ${row.limitedBy})`;
}

/**
 * The policy gate: weights must take at least `minTimeToExfiltrate.days` to leave at the assumed
 * compression, with every identity colluding. Throws EGRESS_EXFIL_TOO_FAST with the plan as problems.
 */
export function checkExfiltrationGate(config: EgressConfig, options: { artifactBytes?: readonly number[] } = {}): ExfiltrationPlan {
  const compression = config.minTimeToExfiltrate.compression;
  const plan = planExfiltration(config, { ...options, compression });
  const fastest = fastestRow(plan, compression);
  const minSeconds = config.minTimeToExfiltrate.days * SECONDS_PER_DAY;
  if (fastest === null || fastest.seconds >= minSeconds || config.unsafeAllowFastExfiltration) return plan;
  const problems = plan.rows
    .filter((r) => r.compression === compression && r.seconds < minSeconds)
    .map((r) => ({ path: `egress (${formatBytes(plan.artifactBytes)} artifact)`, message: describeRow(r) }));
  throw new BulwarkError(
    'EGRESS_EXFIL_TOO_FAST',
    `the egress policy lets the largest artifact leave in ${formatDuration(fastest.seconds)} at ${compression}x, below the ${config.minTimeToExfiltrate.days}-day minimum (set egress.unsafeAllowFastExfiltration to start anyway)`,
    { problems },
  );
}
