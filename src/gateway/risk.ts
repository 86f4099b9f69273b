import { sha256Hex } from '../core/hash.js';
import type { ConversationRisk, RiskAssessment, RiskKeys } from '../guard/conversation-risk.js';
import type { GuardVerdict } from '../guard/guard.js';
import type { ParsedRequest } from './wire/wire-format.js';

export const CONVERSATION_HEADER = 'x-bulwark-conversation';
const MAX_CONVERSATION_HEADER_CHARS = 200;

/** Who and what an exchange belongs to, for state that outlives one request. */
export interface ExchangeIdentity {
  readonly tenant: string;
  readonly keyId: string | null;
  /** The wire format's id (`openai`, `anthropic`). */
  readonly wire: string;
  /** The client's `x-bulwark-conversation`, or `d:` + a hash of the conversation's stable prefix. */
  readonly conversation: string;
  /** The end user the client named, else the gateway key id, else `anonymous`. */
  readonly account: string;
  /** Whether `account` came from the request body (an end user) rather than the key. */
  readonly accountNamedByClient: boolean;
}

/**
 * Names the conversation and account of one request. Provider fields (OpenAI `user`, Anthropic
 * `metadata.user_id`) were read by the wire adapter; this only chooses between them.
 */
export function exchangeIdentity(
  request: ParsedRequest,
  call: { tenant: string; keyId: string | null; wire: string; headers: Readonly<Record<string, string>> },
): ExchangeIdentity {
  // Attacker-controlled: a header that is too long or not printable is ignored, not trusted.
  const header = call.headers[CONVERSATION_HEADER]?.trim() ?? '';
  const usable = header.length > 0 && header.length <= MAX_CONVERSATION_HEADER_CHARS && /^[\x21-\x7e]+$/.test(header);
  const conversation = usable ? `h:${header}` : `d:${sha256Hex(request.conversationSeed).slice(0, 32)}`;
  const named = request.account !== null && request.account.length > 0;
  return {
    tenant: call.tenant,
    keyId: call.keyId,
    wire: call.wire,
    conversation,
    account: named ? request.account : (call.keyId ?? 'anonymous'),
    accountNamedByClient: named,
  };
}

/** Ledger keys: scoped to the tenant, hashed so end-user ids never sit in Redis in the clear. */
export function riskKeys(identity: ExchangeIdentity): RiskKeys {
  const account = `${identity.accountNamedByClient ? 'u' : 'k'}:${identity.account}`;
  return {
    conversation: sha256Hex(`${identity.tenant}\u0000${identity.conversation}`),
    account: sha256Hex(`${identity.tenant}\u0000${account}`),
  };
}

/**
 * The seam for conversation- and account-level risk (issue 3 item 5): the proxy reports the newest
 * turn's verdict and enforces the decision returned. A tracker may only escalate: the proxy takes the
 * more severe of its answer and the guard's. Exemptions, which may relax, are a separate port.
 */
export interface RiskTracker {
  /** Null when no tracking is configured. `exempt` categories add no risk. */
  assessInput(identity: ExchangeIdentity, turnVerdict: GuardVerdict, turn: number, exempt: ReadonlySet<string>): Promise<RiskAssessment | null>;
  recordOutput(identity: ExchangeIdentity, verdict: GuardVerdict): Promise<void>;
}

/** Single-request judgement only: what the gateway does when risk tracking is switched off. */
export const noRiskTracking: RiskTracker = {
  assessInput: async () => null,
  recordOutput: async () => undefined,
};

/** The tracker over a ledger (memory on one node, Redis across replicas). */
export function trackConversationRisk(risk: ConversationRisk): RiskTracker {
  return {
    assessInput: (identity, verdict, turn, exempt) => risk.assess(riskKeys(identity), verdict, turn, exempt),
    recordOutput: async (identity, verdict) => {
      if (verdict.decision === 'block') await risk.recordBlockedOutput(riskKeys(identity));
    },
  };
}
