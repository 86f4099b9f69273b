import type { Logger } from 'pino';
import type { AuditLog } from '../audit/index.js';
import { errorMessage, isBulwarkError } from '../core/errors.js';
import { holdbackShortfall } from '../gateway/output-check.js';
import type { Guard } from '../guard/guard.js';
import { RuleSet } from '../guard/rules.js';
import { policyFingerprint, recordPolicyInForce, type PolicyOrigin } from './policy-audit.js';
import type { PolicySource } from './policy-source.js';

/** What one reload did: put a new policy in force, found nothing to change, or kept the old one. */
export type PolicyReloadOutcome =
  | { readonly status: 'unchanged'; readonly policy: string; readonly sha256: string }
  | { readonly status: 'applied'; readonly policy: string; readonly sha256: string; readonly origin: PolicyOrigin }
  | { readonly status: 'rejected'; readonly policy: string; readonly sha256: string; readonly reason: string };

/** `push`: PostgreSQL announced a new release (LISTEN/NOTIFY); `watch`: the poll, or a listener that (re)connected. */
export type PolicyReloadTrigger = 'signal' | 'watch' | 'call' | 'push';

export interface PolicyReloader {
  /** Reads the policy source again; reloads never overlap (a call waits for the one running). */
  reload(trigger: PolicyReloadTrigger): Promise<PolicyReloadOutcome>;
  /** Stops watching the source. */
  close(): void;
}

export interface PolicyReloaderOptions {
  readonly guard: Guard;
  /** The policy file, or the store's releases (config `guard.policySource`). */
  readonly source: PolicySource;
  readonly audit: Pick<AuditLog, 'latest' | 'append'>;
  readonly logger: Logger;
  /**
   * The gateway's stream hold-back, fixed at start: a policy whose longest rule could span more than
   * it (gateway/output-check.ts) is refused, since a streamed match could then be released in part.
   */
  readonly holdbackChars: number;
  /** How often to look at the source; 0: never (reload on call or SIGHUP only). */
  readonly watchIntervalMs: number;
  readonly onOutcome?: (outcome: PolicyReloadOutcome, trigger: PolicyReloadTrigger) => void;
}

/**
 * The rapid-response loop's last step: a policy edit (a new rule for a jailbreak reported an hour ago,
 * a moved threshold) goes into force on a running server without a restart. The start-up checks
 * apply, in the same order: the file must parse and validate, and the change must be appended to the
 * audit log (`policy.change`) before any request is judged by it; and its rules must fit the stream
 * hold-back sized at start. A policy that fails any step leaves the policy in force as it was, and says
 * why in the log. The source is the replica's own file, or the store's newest release, which every
 * replica on one PostgreSQL polls (docs/policy.md, "Reload" and "A fleet").
 */
export function startPolicyReloader(options: PolicyReloaderOptions): PolicyReloader {
  const { guard, source, audit, logger } = options;
  const where = source.name;
  let running: Promise<PolicyReloadOutcome> = Promise.resolve(unchanged());
  /** The source's marker last looked at, so a broken policy is reported once, not at every tick. */
  let seenMarker: string | null = null;

  /** The reason last recorded as `policy.refuse`, so each refusal is recorded once per server. */
  let refusalRecorded: string | null = null;

  /** The policy in force, as the outcome of a reload that changed nothing. */
  function unchanged(): PolicyReloadOutcome {
    return { status: 'unchanged', ...policyFingerprint(guard.policy) };
  }

  /** The rejected outcome; from a source whose refusals are security events, also on the audit log. */
  async function refused(reason: string, code: string): Promise<PolicyReloadOutcome> {
    // A store that cannot be read refused nothing: it is unavailable, which the log and metrics say.
    if (source.auditRefusals && code !== 'STORE_UNAVAILABLE' && refusalRecorded !== reason) {
      try {
        await audit.append({ type: 'policy.refuse', actor: null, subject: where, time: Date.now(), details: { code, reason, inForce: policyFingerprint(guard.policy).policy } });
        refusalRecorded = reason;
      } catch (error) {
        logger.error({ err: error, source: where }, 'a refused policy could not be recorded in the audit log');
      }
    }
    return { ...unchanged(), status: 'rejected', reason };
  }

  async function reloadNow(trigger: PolicyReloadTrigger): Promise<PolicyReloadOutcome> {
    let read: Awaited<ReturnType<PolicySource['read']>>;
    try {
      read = await source.read();
    } catch (error) {
      const reason = errorMessage(error);
      logger.error({ err: error, source: where, trigger }, 'policy reload rejected: the source holds no valid policy or cannot be read; the policy in force is unchanged');
      return refused(reason, isBulwarkError(error) ? error.code : 'POLICY_UNREADABLE');
    }
    if (read === null) return unchanged();
    const { policy: candidate, origin } = read;
    const next = policyFingerprint(candidate);
    if (next.sha256 === policyFingerprint(guard.policy).sha256) return unchanged();
    const shortfall = holdbackShortfall(new RuleSet(candidate.rules).longestOutputMatchChars, options.holdbackChars);
    if (shortfall !== null) {
      const reason = `${shortfall} set at start; restart the server to widen it`;
      logger.error({ ...origin, trigger, policy: next.policy }, `policy reload rejected: ${reason}; the policy in force is unchanged`);
      return refused(`${next.policy}: ${reason}`, 'POLICY_INVALID');
    }
    try {
      await recordPolicyInForce(audit, candidate, origin);
    } catch (error) {
      logger.error({ err: error, ...origin, trigger, policy: next.policy }, 'policy reload rejected: its change could not be recorded in the audit log; the policy in force is unchanged');
      seenMarker = null; // the watcher tries again at its next tick
      return { ...unchanged(), status: 'rejected', reason: `the audit log refused the policy.change entry: ${errorMessage(error)}` };
    }
    const previous = guard.policyId;
    guard.replacePolicy(candidate);
    logger.warn({ ...origin, trigger, previous, policy: next.policy, sha256: next.sha256, mode: candidate.mode, rules: candidate.rules.length }, 'guard policy reloaded');
    return { status: 'applied', ...next, origin };
  }

  function reload(trigger: PolicyReloadTrigger): Promise<PolicyReloadOutcome> {
    running = running.then(
      () => reloadNow(trigger),
      () => reloadNow(trigger),
    );
    void running.then((outcome) => options.onOutcome?.(outcome, trigger));
    return running;
  }

  async function watchTick(): Promise<void> {
    let marker: string;
    try {
      marker = await source.marker();
    } catch (error) {
      if (seenMarker !== 'unreadable') logger.error({ err: error, source: where }, 'policy source unreadable; the policy in force is unchanged');
      seenMarker = 'unreadable';
      return;
    }
    if (marker === seenMarker) return;
    seenMarker = marker;
    await reload('watch');
  }

  let timer: NodeJS.Timeout | undefined;
  if (options.watchIntervalMs > 0) {
    void watchTick();
    timer = setInterval(() => void watchTick(), options.watchIntervalMs);
    timer.unref();
  }
  return {
    reload,
    close: () => clearInterval(timer),
  };
}

/**
 * Reloads on demand, one at a time with at most one more waiting: calls made while a reload runs
 * collapse into a single reload after it (which reads whatever is newest then). For triggers anyone may
 * fire many times over, such as a database NOTIFY, so that a flood costs two reloads, not a queue.
 */
export function coalescedReload(reloader: Pick<PolicyReloader, 'reload'>): (trigger: PolicyReloadTrigger) => void {
  let reloading = false;
  let again: PolicyReloadTrigger | null = null;
  const reload = (trigger: PolicyReloadTrigger): void => {
    if (reloading) {
      again = trigger;
      return;
    }
    reloading = true;
    void reloader
      .reload(trigger)
      .catch(() => undefined)
      .finally(() => {
        reloading = false;
        const next = again;
        again = null;
        if (next !== null) reload(next);
      });
  };
  return reload;
}
