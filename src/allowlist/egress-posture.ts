import { z } from 'zod';

/** Where the egress proxy's admin endpoint listens by default (src/egress, `GET /status`). */
export const DEFAULT_EGRESS_STATUS_URL = 'http://127.0.0.1:8722';
export const DEFAULT_MAX_SELFTEST_AGE_SECONDS = 900;
export const DEFAULT_EGRESS_STATUS_TIMEOUT_MS = 2_000;

const statusSchema = z.object({
  healthy: z.boolean(),
  capsEnforced: z.boolean(),
  lastSelftest: z
    .object({
      at: z.union([z.number(), z.string()]),
      passed: z.boolean(),
      measuredBytesPerSecond: z.number().nullable().optional(),
      capBytesPerSecond: z.number().nullable().optional(),
    })
    .nullable(),
});

/** What the release records as the egress proof, good or not. */
export interface EgressPosture {
  readonly ok: boolean;
  readonly statusUrl: string;
  /** Why it is not good; null when ok. */
  readonly problem: string | null;
  readonly healthy: boolean | null;
  readonly capsEnforced: boolean | null;
  readonly selftestPassed: boolean | null;
  readonly selftestAt: number | null;
  readonly selftestAgeSeconds: number | null;
  readonly measuredBytesPerSecond: number | null;
  readonly capBytesPerSecond: number | null;
}

export interface EgressPostureOptions {
  readonly statusUrl: string;
  readonly maxSelftestAgeSeconds: number;
  readonly now: number;
  readonly timeoutMs?: number;
  readonly fetchImpl?: typeof fetch;
}

function toEpochMs(at: number | string): number | null {
  if (typeof at === 'number') return Number.isFinite(at) ? (at < 1e11 ? at * 1000 : at) : null;
  const parsed = Date.parse(at);
  return Number.isNaN(parsed) ? null : parsed;
}

/**
 * Asks the egress proxy for its live posture. Good only if it answers, is healthy, enforces its caps,
 * and its last self-test passed no longer than `maxSelftestAgeSeconds` ago. Never throws: every failure
 * becomes a posture with `ok: false` and a problem that names what could not be verified.
 */
export async function probeEgressPosture(options: EgressPostureOptions): Promise<EgressPosture> {
  const statusUrl = `${options.statusUrl.replace(/\/+$/, '')}/status`;
  const base: EgressPosture = {
    ok: false, statusUrl, problem: null, healthy: null, capsEnforced: null, selftestPassed: null,
    selftestAt: null, selftestAgeSeconds: null, measuredBytesPerSecond: null, capBytesPerSecond: null,
  };
  const fail = (problem: string, extra: Partial<EgressPosture> = {}): EgressPosture => ({ ...base, ...extra, ok: false, problem });
  let body: unknown;
  try {
    const response = await (options.fetchImpl ?? fetch)(statusUrl, { signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_EGRESS_STATUS_TIMEOUT_MS), redirect: 'error' });
    if (!response.ok) return fail(`proxy status answered HTTP ${response.status} at ${statusUrl}`);
    body = await response.json();
  } catch {
    return fail(`proxy status unreachable at ${statusUrl}`);
  }
  const parsed = statusSchema.safeParse(body);
  if (!parsed.success) return fail(`proxy status at ${statusUrl} is not a status document`);
  const status = parsed.data;
  const selftest = status.lastSelftest;
  const selftestAt = selftest === null ? null : toEpochMs(selftest.at);
  const seen: Partial<EgressPosture> = {
    healthy: status.healthy,
    capsEnforced: status.capsEnforced,
    selftestPassed: selftest?.passed ?? null,
    selftestAt,
    selftestAgeSeconds: selftestAt === null ? null : Math.round((options.now - selftestAt) / 1000),
    measuredBytesPerSecond: selftest?.measuredBytesPerSecond ?? null,
    capBytesPerSecond: selftest?.capBytesPerSecond ?? null,
  };
  if (!status.healthy) return fail(`proxy at ${statusUrl} reports unhealthy`, seen);
  if (!status.capsEnforced) return fail(`proxy at ${statusUrl} does not enforce its caps`, seen);
  if (selftest === null) return fail(`proxy at ${statusUrl} has no self-test on record`, seen);
  if (!selftest.passed) return fail(`proxy at ${statusUrl}: last self-test failed`, seen);
  if (selftestAt === null) return fail(`proxy at ${statusUrl}: self-test time is unreadable`, seen);
  const age = (options.now - selftestAt) / 1000;
  if (age > options.maxSelftestAgeSeconds) return fail(`proxy at ${statusUrl}: last self-test is ${Math.round(age)} s old (max ${options.maxSelftestAgeSeconds} s)`, seen);
  if (age < -300) return fail(`proxy at ${statusUrl}: self-test is dated in the future`, seen);
  return { ...base, ...seen, ok: true, problem: null };
}
