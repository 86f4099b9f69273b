import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { AuditLog } from '../audit/index.js';
import { deepFreeze, loadPolicyFile } from '../config/load.js';
import type { Policy } from '../config/policy-schema.js';
import { sha256Hex } from '../core/hash.js';
import { errorMessage } from '../core/errors.js';
import { holdbackShortfall } from '../gateway/output-check.js';
import type { Guard } from '../guard/guard.js';
import { RuleSet } from '../guard/rules.js';
import { policyFingerprint, recordPolicyInForce } from './policy-audit.js';

/** What one reload did: put a new policy in force, found nothing to change, or kept the old one. */
export type PolicyReloadOutcome =
  | { readonly status: 'applied' | 'unchanged'; readonly policy: string; readonly sha256: string }
  | { readonly status: 'rejected'; readonly policy: string; readonly sha256: string; readonly reason: string };

export type PolicyReloadTrigger = 'signal' | 'watch' | 'call';

export interface PolicyReloader {
  /** Reads the policy file again; reloads never overlap (a call waits for the one running). */
  reload(trigger: PolicyReloadTrigger): Promise<PolicyReloadOutcome>;
  /** Stops watching the file. */
  close(): void;
}

export interface PolicyReloaderOptions {
  readonly guard: Guard;
  readonly file: string;
  readonly audit: Pick<AuditLog, 'latest' | 'append'>;
  readonly logger: Logger;
  /**
   * The gateway's stream hold-back, fixed at start: a policy whose longest rule could span more than
   * it (gateway/output-check.ts) is refused, since a streamed match could then be released in part.
   */
  readonly holdbackChars: number;
  /** How often to look at the file; 0: never (reload on call or SIGHUP only). */
  readonly watchIntervalMs: number;
  readonly onOutcome?: (outcome: PolicyReloadOutcome, trigger: PolicyReloadTrigger) => void;
}

/**
 * The rapid-response loop's last step: a policy edit (a new rule for a jailbreak reported an hour ago,
 * a moved threshold) goes into force on a running server without a restart. The start-up checks
 * apply, in the same order: the file must parse and validate, and the change must be appended to the
 * audit log (`policy.change`) before any request is judged by it; and its rules must fit the stream
 * hold-back sized at start. A file that fails any step leaves the policy in force as it was, and says
 * why in the log. Each replica reloads its own
 * file; a fleet gets a change as fast as its files are updated (docs/policy.md, "Reload").
 */
export function startPolicyReloader(options: PolicyReloaderOptions): PolicyReloader {
  const { guard, file, audit, logger } = options;
  let running: Promise<PolicyReloadOutcome> = Promise.resolve(unchanged());
  /** SHA-256 of the file bytes last looked at, so a broken file is reported once, not at every tick. */
  let seenBytes: string | null = null;

  /** The policy in force, as the outcome of a reload that changed nothing. */
  function unchanged(): PolicyReloadOutcome {
    return { status: 'unchanged', ...policyFingerprint(guard.policy) };
  }

  async function reloadNow(trigger: PolicyReloadTrigger): Promise<PolicyReloadOutcome> {
    let candidate: Policy;
    try {
      candidate = deepFreeze(loadPolicyFile(file));
    } catch (error) {
      const reason = errorMessage(error);
      logger.error({ err: error, file, trigger }, 'policy reload rejected: the file is not a valid policy; the policy in force is unchanged');
      return { ...unchanged(), status: 'rejected', reason };
    }
    const next = policyFingerprint(candidate);
    if (next.sha256 === policyFingerprint(guard.policy).sha256) return unchanged();
    const shortfall = holdbackShortfall(new RuleSet(candidate.rules).longestOutputMatchChars, options.holdbackChars);
    if (shortfall !== null) {
      const reason = `${shortfall} set at start; restart the server to widen it`;
      logger.error({ file, trigger, policy: next.policy }, `policy reload rejected: ${reason}; the policy in force is unchanged`);
      return { ...unchanged(), status: 'rejected', reason };
    }
    try {
      await recordPolicyInForce(audit, candidate, file);
    } catch (error) {
      logger.error({ err: error, file, trigger, policy: next.policy }, 'policy reload rejected: its change could not be recorded in the audit log; the policy in force is unchanged');
      seenBytes = null; // the watcher tries again at its next tick
      return { ...unchanged(), status: 'rejected', reason: `the audit log refused the policy.change entry: ${errorMessage(error)}` };
    }
    const previous = guard.policyId;
    guard.replacePolicy(candidate);
    logger.warn({ file, trigger, previous, policy: next.policy, sha256: next.sha256, mode: candidate.mode, rules: candidate.rules.length }, 'guard policy reloaded');
    return { status: 'applied', ...next };
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
    let bytes: string;
    try {
      bytes = sha256Hex(await readFile(file));
    } catch (error) {
      if (seenBytes !== 'unreadable') logger.error({ err: error, file }, 'policy file unreadable; the policy in force is unchanged');
      seenBytes = 'unreadable';
      return;
    }
    if (bytes === seenBytes) return;
    seenBytes = bytes;
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
