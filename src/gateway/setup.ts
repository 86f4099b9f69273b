import { Pool } from 'undici';
import type { BulwarkConfig } from '../config/config-schema.js';
import type { UpstreamConfig } from '../config/gateway-schema.js';
import { systemClock, type Clock } from '../core/clock.js';
import { ConversationRisk, createMemoryRiskLedger, riskSettingsFrom, type RiskLedger } from '../guard/conversation-risk.js';
import { createChatJudge } from '../guard/chat-judge.js';
import type { Guard } from '../guard/guard.js';
import { JudgeStage, noJudge, type VerdictReview } from '../guard/judge.js';
import { createRedisRiskLedger } from '../guard/redis-risk-ledger.js';
import type { RedisHandle } from '../store/index.js';
import { noRiskTracking, trackConversationRisk, type RiskTracker } from './risk.js';
import { resolveHoldbackChars } from './output-check.js';
import type { GatewaySettings } from './proxy.js';
import type { Upstream } from './upstream.js';

/** Stream settings from the validated config and the guard in force. */
export function gatewaySettings(config: BulwarkConfig, guard: Guard): GatewaySettings {
  const stream = config.gateway.stream;
  const holdbackChars = resolveHoldbackChars({
    longestRuleChars: guard.rules.longestOutputMatchChars,
    classifierOverlapChars: config.guard.windowOverlapChars,
    configured: stream.holdbackChars,
  });
  return {
    holdbackChars,
    rescoreEveryChars: stream.rescoreEveryChars,
    contextChars: stream.contextChars,
    // Context plus output fill one classifier window: a longer text would be scored in several
    // windows, and the older ones were already scored by earlier checks.
    checkWindowChars: Math.max(holdbackChars + stream.rescoreEveryChars, config.guard.windowChars - stream.contextChars),
    unreadContent: config.gateway.unreadContent,
  };
}

export interface UpstreamSet {
  readonly upstreams: Readonly<Record<string, Upstream>>;
  /** Names of credential variables that were unset: those upstreams get requests without credentials. */
  readonly missingCredentials: readonly string[];
  close(): Promise<void>;
}

/**
 * One keep-alive pool per configured upstream. `readEnv` is the composition root's window onto the
 * environment (only server/ and cli/ read process.env); the credential is held here and nowhere else.
 */
export function createUpstreams(config: BulwarkConfig['gateway'], readEnv: (name: string) => string | undefined): UpstreamSet {
  const upstreams: Record<string, Upstream> = {};
  const pools: Pool[] = [];
  const missingCredentials: string[] = [];
  for (const [id, upstream] of Object.entries<UpstreamConfig>(config.upstreams)) {
    const url = new URL(upstream.baseUrl);
    const pool = new Pool(url.origin, {
      connections: upstream.connections,
      headersTimeout: upstream.timeoutMs,
      bodyTimeout: upstream.timeoutMs,
      connectTimeout: Math.min(upstream.timeoutMs, 10_000),
    });
    pools.push(pool);
    const apiKey = readEnv(upstream.apiKeyEnv);
    if (!apiKey) missingCredentials.push(upstream.apiKeyEnv);
    // The wire path already starts with /v1; a base URL written SDK-style ("…/v1") must not double it.
    const pathPrefix = url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
    upstreams[id] = { dispatcher: pool, pathPrefix, apiKey: apiKey ? apiKey : null };
  }
  return { upstreams, missingCredentials, close: async () => void (await Promise.all(pools.map((pool) => pool.close()))) };
}

export interface RiskWiring {
  readonly tracker: RiskTracker;
  /** `memory`, `redis` or `off`, for the start-up log. */
  readonly backend: string;
  close(): Promise<void>;
}

/**
 * Conversation risk as configured: in Redis when the composition root opened one (every replica sees
 * one score), else in this process's memory, or off when `disableConversationRisk` names the risk.
 */
export function createRiskWiring(config: BulwarkConfig['gateway']['risk'], guard: Guard, redis: RedisHandle | null, clock: Clock = systemClock): RiskWiring {
  if (config.disableConversationRisk) return { tracker: noRiskTracking, backend: 'off', close: async () => undefined };
  const settings = riskSettingsFrom(config);
  const ledger: RiskLedger = redis ? createRedisRiskLedger(redis.client, settings) : createMemoryRiskLedger(settings, clock);
  return {
    tracker: trackConversationRisk(new ConversationRisk(ledger, guard, settings)),
    backend: redis ? 'redis' : 'memory',
    close: () => ledger.close(),
  };
}

export interface JudgeWiring {
  readonly review: VerdictReview;
  /** The judge's name (`model@host`), or null when no judge is configured: for the start-up log. */
  readonly name: string | null;
  /** Set when `apiKeyEnv` names a variable that is unset. */
  readonly missingCredential: string | null;
  close(): Promise<void>;
}

/** The cascade's optional second stage, from `guard.judge`; off when it is unset. */
export function createJudgeWiring(config: BulwarkConfig['guard'], guard: Guard, readEnv: (name: string) => string | undefined): JudgeWiring {
  const judge = config.judge;
  if (judge === undefined) return { review: noJudge, name: null, missingCredential: null, close: async () => undefined };
  const apiKey = judge.apiKeyEnv === undefined ? undefined : readEnv(judge.apiKeyEnv);
  const backend = createChatJudge(judge, apiKey ? apiKey : null);
  const stage = new JudgeStage(backend, guard, { ...judge, failOpenOnClassifierError: config.failOpenOnClassifierError });
  return {
    review: stage,
    name: backend.name,
    missingCredential: judge.apiKeyEnv !== undefined && !apiKey ? judge.apiKeyEnv : null,
    close: () => backend.close(),
  };
}
