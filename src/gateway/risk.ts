import type { Decision } from '../guard/decision.js';
import type { GuardVerdict } from '../guard/guard.js';

/** Who and what an exchange belongs to, for state that outlives one request. */
export interface ExchangeIdentity {
  readonly tenant: string;
  readonly keyId: string | null;
  /** The wire format's id (`openai`, `anthropic`). */
  readonly wire: string;
  /** Request headers, lower-cased (e.g. `x-bulwark-conversation`). */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed client body, for account ids such as OpenAI `user` or Anthropic `metadata.user_id`. */
  readonly body: unknown;
}

/**
 * The seam for conversation- and account-level risk (issue 3 item 5) and, through the same calls,
 * exemptions (item 7): the proxy reports every verdict and enforces the decision returned. A tracker
 * may only escalate: the proxy takes the more severe of its answer and the guard's.
 */
export interface RiskTracker {
  assessInput(identity: ExchangeIdentity, verdict: GuardVerdict): Promise<Decision>;
  recordOutput(identity: ExchangeIdentity, verdict: GuardVerdict): Promise<void>;
}

/** Single-request judgement only: what the gateway does until a tracker is configured. */
export const noRiskTracking: RiskTracker = {
  assessInput: async (_identity, verdict) => verdict.decision,
  recordOutput: async () => undefined,
};
