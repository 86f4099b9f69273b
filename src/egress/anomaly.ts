import type { EgressAlert } from './events.js';
import { formatBytes, formatDuration } from '../config/size.js';

/** The `egress.anomaly` settings after parsing (see config.ts for the defaults). */
export interface AnomalySettings {
  readonly enabled: boolean;
  /** Baseline window: upload volume is summed per identity per window (default 1 h). */
  readonly window: string;
  readonly windowMs: number;
  /** EWMA weight of the newest window (0..1]. */
  readonly alpha: number;
  /** Alert when a window's volume exceeds mean + deviations × std-dev … */
  readonly deviations: number;
  /** … and factor × mean … */
  readonly factor: number;
  /** … and minBytes (small absolute volumes never alert). */
  readonly minBytes: number;
  /** Closed windows needed before the baseline is trusted. */
  readonly warmupWindows: number;
  /** A tunnel open at least this long that carried at least this many upload bytes alerts once. */
  readonly longLivedTunnel: { readonly afterMs: number; readonly after: string; readonly bytes: number };
}

interface Baseline {
  mean: number;
  variance: number;
  windows: number;
  windowStart: number;
  bytes: number;
  byDestination: Map<string, number>;
  alerted: boolean;
}

interface Tunnel {
  readonly identity: string;
  readonly destination: string;
  readonly openedAt: number;
  bytes: number;
  alerted: boolean;
}

/** Idle windows folded into the baseline at most (a week of hours); older silence adds nothing. */
const MAX_FOLDED_IDLE_WINDOWS = 168;

/**
 * Per-identity upload baselines (EWMA of volume per window, with an EW variance) and long-lived
 * high-volume tunnels. Fed by the proxy with every forwarded upload chunk; alerts are returned to
 * the caller, which sends them through the alert port and the audit log. State is per process.
 */
export class AnomalyDetector {
  private readonly baselines = new Map<string, Baseline>();
  private readonly tunnels = new Map<number, Tunnel>();
  private nextTunnel = 1;

  constructor(
    private readonly settings: AnomalySettings,
    private readonly now: () => number,
  ) {}

  openTunnel(identity: string, destination: string): number {
    const id = this.nextTunnel++;
    this.tunnels.set(id, { identity, destination, openedAt: this.now(), bytes: 0, alerted: false });
    return id;
  }

  closeTunnel(id: number): void {
    this.tunnels.delete(id);
  }

  /** Records forwarded upload bytes; returns the alerts this raised (usually none). */
  record(tunnelId: number, bytes: number): EgressAlert[] {
    if (!this.settings.enabled) return [];
    const tunnel = this.tunnels.get(tunnelId);
    if (tunnel === undefined) return [];
    const now = this.now();
    const alerts: EgressAlert[] = [];
    tunnel.bytes += bytes;
    const { afterMs, bytes: bigTunnel } = this.settings.longLivedTunnel;
    if (!tunnel.alerted && tunnel.bytes >= bigTunnel && now - tunnel.openedAt >= afterMs) {
      tunnel.alerted = true;
      alerts.push(this.longLivedAlert(tunnel, now));
    }
    const baseline = this.roll(tunnel.identity, now);
    baseline.bytes += bytes;
    baseline.byDestination.set(tunnel.destination, (baseline.byDestination.get(tunnel.destination) ?? 0) + bytes);
    const threshold = this.threshold(baseline);
    if (!baseline.alerted && threshold !== null && baseline.bytes > threshold) {
      baseline.alerted = true;
      alerts.push(this.volumeAlert(tunnel.identity, baseline, threshold, now));
    }
    return alerts;
  }

  /** The baseline of an identity (mean and std-dev per window, windows seen), for status and tests. */
  baseline(identity: string): { meanBytes: number; stdDevBytes: number; windows: number; currentBytes: number } | null {
    const b = this.baselines.has(identity) ? this.roll(identity, this.now()) : undefined;
    return b ? { meanBytes: b.mean, stdDevBytes: Math.sqrt(b.variance), windows: b.windows, currentBytes: b.bytes } : null;
  }

  /** Volume above which the current window alerts; null while the baseline warms up. */
  private threshold(b: Baseline): number | null {
    if (b.windows < this.settings.warmupWindows) return null;
    return Math.max(this.settings.minBytes, b.mean + this.settings.deviations * Math.sqrt(b.variance), this.settings.factor * b.mean);
  }

  /** Folds closed windows (and idle ones) into the EWMA and returns the identity's current window. */
  private roll(identity: string, now: number): Baseline {
    const windowMs = this.settings.windowMs;
    const start = Math.floor(now / windowMs) * windowMs;
    let b = this.baselines.get(identity);
    if (b === undefined) {
      b = { mean: 0, variance: 0, windows: 0, windowStart: start, bytes: 0, byDestination: new Map(), alerted: false };
      this.baselines.set(identity, b);
      return b;
    }
    if (b.windowStart === start) return b;
    const closed = Math.min(MAX_FOLDED_IDLE_WINDOWS, Math.max(1, (start - b.windowStart) / windowMs));
    for (let i = 0; i < closed; i += 1) this.fold(b, i === 0 ? b.bytes : 0);
    b.windowStart = start;
    b.bytes = 0;
    b.byDestination = new Map();
    b.alerted = false;
    return b;
  }

  private fold(b: Baseline, volume: number): void {
    const alpha = this.settings.alpha;
    if (b.windows === 0) {
      b.mean = volume;
      b.variance = 0;
    } else {
      const diff = volume - b.mean;
      b.mean += alpha * diff;
      b.variance = (1 - alpha) * (b.variance + alpha * diff * diff);
    }
    b.windows += 1;
  }

  private volumeAlert(identity: string, b: Baseline, threshold: number, now: number): EgressAlert {
    const [destination] = [...b.byDestination].sort((x, y) => y[1] - x[1])[0] ?? [null];
    return {
      kind: 'anomaly',
      identity,
      destination,
      time: now,
      message:
        `egress anomaly: identity "${identity}" uploaded ${formatBytes(b.bytes)} (${b.bytes} bytes) in the ${this.settings.window} window from ${new Date(b.windowStart).toISOString()}` +
        ` (mostly to ${destination ?? 'unknown'}), above its baseline of ${formatBytes(b.mean)} ± ${formatBytes(Math.sqrt(b.variance))} (alert above ${formatBytes(threshold)})`,
      details: {
        anomaly: 'volume',
        bytes: b.bytes,
        window: this.settings.window,
        windowStart: b.windowStart,
        baselineMeanBytes: Math.round(b.mean),
        baselineStdDevBytes: Math.round(Math.sqrt(b.variance)),
        thresholdBytes: Math.round(threshold),
        destinations: Object.fromEntries(b.byDestination),
      },
    };
  }

  private longLivedAlert(t: Tunnel, now: number): EgressAlert {
    const ageMs = now - t.openedAt;
    return {
      kind: 'anomaly',
      identity: t.identity,
      destination: t.destination,
      time: now,
      message: `egress anomaly: a tunnel of identity "${t.identity}" to ${t.destination} has been open ${formatDuration(ageMs / 1000)} and uploaded ${formatBytes(t.bytes)} (${t.bytes} bytes) over that time`,
      details: { anomaly: 'long-lived-tunnel', bytes: t.bytes, window: `${Math.round(ageMs / 1000)}s`, openedAt: t.openedAt, openForMs: ageMs, thresholdBytes: this.settings.longLivedTunnel.bytes },
    };
  }
}
