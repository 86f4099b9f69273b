import { z } from 'zod';
import { parseDestinationRule, type DestinationRule } from './destination-rule.js';
import { parseRate, parseSize, parseWindow } from './size.js';

export const DEFAULT_EGRESS_LISTEN = '127.0.0.1:3128';
/** Every identity is capped even when its entry names no rate: the strict default. */
export const DEFAULT_IDENTITY_UPLOAD_RATE = '1MiB/s';
export const DEFAULT_ENCLAVE_UPLOAD_RATE = '100MiB/s';
/**
 * Small on purpose: a burst is bytes that leave faster than the cap. The default is the larger of
 * 64 KiB and 20 ms at the cap: below a few timer ticks of refill, oversleeping loses tokens and the
 * achieved rate falls under the cap.
 */
export const DEFAULT_BURST_BYTES = 64 * 1024;
export const DEFAULT_BURST_SECONDS = 0.02;

export function defaultBurst(bytesPerSecond: number): number {
  return Math.max(DEFAULT_BURST_BYTES, Math.ceil(bytesPerSecond * DEFAULT_BURST_SECONDS));
}

function withBurst<T extends { rate: number; burst?: number | undefined }>(value: T): T & { burst: number } {
  return { ...value, burst: value.burst ?? defaultBurst(value.rate) };
}
export const DEFAULT_ALERT_FRACTIONS: readonly number[] = Object.freeze([0.5, 0.8]);
export const DEFAULT_MIN_TIME_TO_EXFILTRATE_DAYS = 30;
export const DEFAULT_ASSUMED_COMPRESSION = 16;
/** Used by the gate when no artifact size is configured: a 5B-parameter model at 16 bits. */
export const DEFAULT_ASSUMED_ARTIFACT_BYTES = 10 * 1000 ** 3;
export const DEFAULT_EGRESS_MAX_HEADER_BYTES = 16 * 1024;
export const DEFAULT_EGRESS_CONNECT_TIMEOUT_MS = 10_000;
/** `bulwark egress serve` answers `GET /status` here (release posture checks call it). */
export const DEFAULT_EGRESS_ADMIN_LISTEN = '127.0.0.1:8722';
export const DEFAULT_EGRESS_SELFTEST_INTERVAL_SECONDS = 600;
/** A key release needs a passing self-test at most this old: one and a half default self-test intervals. */
export const DEFAULT_RELEASE_MAX_SELFTEST_AGE_SECONDS = 900;

const size = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const bytes = parseSize(value);
  if (bytes === null) ctx.addIssue({ code: 'custom', message: `"${value}" is not a size (e.g. 512KiB, 6GiB, 810GB)` });
  return bytes ?? 0;
});
const rate = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const bytes = parseRate(value);
  if (bytes === null || bytes === 0) ctx.addIssue({ code: 'custom', message: `"${value}" is not a positive rate (e.g. 2MiB/s)` });
  return bytes ?? 0;
});
const budgets = z.record(z.string(), size).transform((record, ctx) => {
  const out: BudgetSpec[] = [];
  for (const [window, bytes] of Object.entries(record)) {
    const windowMs = parseWindow(window);
    if (windowMs === null) ctx.addIssue({ code: 'custom', message: `budget window "${window}" must be like 1h, 24h or 7d` });
    else out.push({ window, windowMs, bytes });
  }
  return out.sort((a, b) => a.windowMs - b.windowMs);
});
const allow = z.array(z.string()).transform((list, ctx) => {
  const rules: DestinationRule[] = [];
  for (const entry of list) {
    const rule = parseDestinationRule(entry);
    if (typeof rule === 'string') ctx.addIssue({ code: 'custom', message: rule });
    else rules.push(rule);
  }
  return rules;
});
const window = z.string().transform((value, ctx) => {
  const windowMs = parseWindow(value);
  if (windowMs === null) ctx.addIssue({ code: 'custom', message: `"${value}" is not a window (e.g. 1h, 24h, 7d)` });
  return { text: value, ms: windowMs ?? 0 };
});
const anomalySchema = z
  .object({
    enabled: z.boolean().default(true),
    window: window.default({ text: '1h', ms: 3_600_000 }),
    alpha: z.number().gt(0).max(1).default(0.3),
    deviations: z.number().min(0).default(4),
    factor: z.number().min(1).default(3),
    minBytes: size.default(64 * 1024 * 1024),
    warmupWindows: z.number().int().min(1).default(3),
    longLivedTunnel: z
      .object({ after: window.default({ text: '1h', ms: 3_600_000 }), bytes: size.default(1024 ** 3) })
      .strict()
      .default({ after: { text: '1h', ms: 3_600_000 }, bytes: 1024 ** 3 }),
  })
  .strict()
  .transform((a) => ({
    enabled: a.enabled,
    window: a.window.text,
    windowMs: a.window.ms,
    alpha: a.alpha,
    deviations: a.deviations,
    factor: a.factor,
    minBytes: a.minBytes,
    warmupWindows: a.warmupWindows,
    longLivedTunnel: { after: a.longLivedTunnel.after.text, afterMs: a.longLivedTunnel.after.ms, bytes: a.longLivedTunnel.bytes },
  }));
const identityName = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const identitySchema = z
  .object({
    allow: allow.default([]),
    rate: rate.default(parseRate(DEFAULT_IDENTITY_UPLOAD_RATE)!),
    burst: size.optional(),
    downloadRate: rate.optional(),
    budgets: budgets.default([]),
  })
  .strict()
  .transform(withBurst);

const enclaveSchema = z
  .object({
    rate: rate.default(parseRate(DEFAULT_ENCLAVE_UPLOAD_RATE)!),
    burst: size.optional(),
    downloadRate: rate.optional(),
    budgets: budgets.default([]),
  })
  .strict()
  .transform(withBurst);

/**
 * The `egress:` block of the configuration: the forward proxy (`bulwark serve` starts it when
 * `enabled`; `bulwark egress serve` always does) and what key release asks of it.
 */
export const egressConfigSchema = z
  .object({
    enabled: z.boolean().default(false),
    listen: z.string().regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/).default(DEFAULT_EGRESS_LISTEN),
    /** Admin listener of the running proxy: `GET /status` (health, caps enforced, last self-test). */
    adminListen: z.string().regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/).default(DEFAULT_EGRESS_ADMIN_LISTEN),
    /** The serving proxy re-runs its loopback self-test this often (it also runs once at start). */
    selftestIntervalSeconds: z.number().int().min(10).max(86_400).default(DEFAULT_EGRESS_SELFTEST_INTERVAL_SECONDS),
    enclave: enclaveSchema.default(enclaveSchema.parse({})),
    identities: z.record(z.string().regex(identityName), identitySchema).default({}),
    /** Per-destination upload caps, keyed by host pattern (exact, `*.suffix`, `*`); the first match applies. */
    destinations: z.record(z.string().min(1), z.object({ rate, burst: size.optional() }).strict().transform(withBurst)).default({}),
    alertAt: z.array(z.number().gt(0).lt(1)).default([...DEFAULT_ALERT_FRACTIONS]),
    /** Per-identity EWMA volume baselines and long-lived high-volume tunnel alerts. */
    anomaly: anomalySchema.default(anomalySchema.parse({})),
    minTimeToExfiltrate: z
      .object({ days: z.number().positive().default(DEFAULT_MIN_TIME_TO_EXFILTRATE_DAYS), compression: z.number().min(1).default(DEFAULT_ASSUMED_COMPRESSION) })
      .strict()
      .default({ days: DEFAULT_MIN_TIME_TO_EXFILTRATE_DAYS, compression: DEFAULT_ASSUMED_COMPRESSION }),
    /** Sizes of the artifacts to protect; the planner and the gate use the largest. */
    artifacts: z.array(size).default([]),
    webhookUrl: z.url().optional(),
    maxHeaderBytes: z.number().int().min(1024).max(1024 * 1024).default(DEFAULT_EGRESS_MAX_HEADER_BYTES),
    connectTimeoutMs: z.number().int().min(100).default(DEFAULT_EGRESS_CONNECT_TIMEOUT_MS),
    /** Risky: start even when the planner says the weights could leave faster than minTimeToExfiltrate. */
    unsafeAllowFastExfiltration: z.boolean().default(false),
    /** Risky: when the shared ledger (Redis) fails, let traffic through unmetered instead of refusing it. */
    failOpenOnLedgerError: z.boolean().default(false),
    /** Vault key release: only while the egress proxy reports healthy, enforced caps and a recent passing self-test. */
    requiredForRelease: z.boolean().default(false),
    /** Base URL of the egress proxy's admin endpoint the vault asks; `GET {statusUrl}/status`. */
    statusUrl: z.string().regex(/^https?:\/\//, 'an http:// or https:// URL').default(`http://${DEFAULT_EGRESS_ADMIN_LISTEN}`),
    /** The last passing self-test must be at most this old for a release. */
    maxSelftestAgeSeconds: z.number().int().min(1).max(86_400).default(DEFAULT_RELEASE_MAX_SELFTEST_AGE_SECONDS),
  })
  .strict();

export interface RateSpec {
  readonly bytesPerSecond: number;
  readonly burstBytes: number;
}

export interface BudgetSpec {
  /** As written in config ("24h"); also the ledger key suffix. */
  readonly window: string;
  readonly windowMs: number;
  readonly bytes: number;
}

