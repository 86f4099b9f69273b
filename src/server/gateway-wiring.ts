import type { Logger } from 'pino';
import type { BulwarkConfig } from '../config/config-schema.js';
import type { RiskTracker } from '../gateway/risk.js';
import { createJudgeWiring, createRiskWiring, createUpstreams } from '../gateway/setup.js';
import type { Upstream } from '../gateway/upstream.js';
import { ClassifierPool, type BatchClassifier } from '../guard/classifier-pool.js';
import type { Guard } from '../guard/guard.js';
import type { VerdictReview } from '../guard/judge.js';
import { openRedis, type RedisHandle } from '../store/index.js';

export interface WiredGateway {
  readonly upstreams: Readonly<Record<string, Upstream>>;
  readonly risk: RiskTracker;
  readonly judge: VerdictReview;
  /** Classifier threads (`gateway.classifier.threads`); absent when classification runs on the event loop. */
  readonly classifier?: BatchClassifier;
  close(): Promise<void>;
}

/**
 * Upstream pools (the one place upstream credentials are read; they stay inside the pools' request
 * headers) and conversation risk: in Redis when `storage.redis` is set, so every replica sees one
 * score per conversation and account, else in this process's memory.
 */
export async function wireGateway(
  config: BulwarkConfig,
  guard: Guard,
  modelFile: string,
  log: Logger,
  readEnv: (name: string) => string | undefined,
): Promise<WiredGateway> {
  const { threads, timeoutMs } = config.gateway.classifier;
  const pool =
    threads === 0
      ? null
      : await ClassifierPool.start({ threads, timeoutMs, modelFile, guard, onThreadFailure: (error) => log.error({ err: error }, 'classifier thread failed; its request was denied') });
  const upstreams = createUpstreams(config.gateway, readEnv);
  for (const name of upstreams.missingCredentials) log.warn(`gateway: ${name} is not set; requests to that upstream carry no credential`);
  let redis: RedisHandle | null = null;
  try {
    const redisConfig = config.storage.redis;
    if (redisConfig && !config.gateway.risk.disableConversationRisk) {
      redis = await openRedis(redisConfig.url, { keyPrefix: redisConfig.keyPrefix, onBackgroundError: (error) => log.warn({ err: error }, 'redis connection error') });
    }
  } catch (error) {
    await upstreams.close();
    await pool?.close();
    throw error;
  }
  const risk = createRiskWiring(config.gateway.risk, guard, redis);
  log.info(`gateway: conversation risk in ${risk.backend}; classifier on ${threads === 0 ? 'the event loop' : `${threads} thread(s)`}`);
  const judge = createJudgeWiring(config.guard, guard, readEnv);
  if (judge.missingCredential) log.warn(`guard: ${judge.missingCredential} is not set; judge requests carry no credential`);
  if (judge.name) log.info(`guard: LLM judge ${judge.name} for scores in [${config.guard.judge!.band.min}, ${config.guard.judge!.band.max})`);
  return {
    upstreams: upstreams.upstreams,
    risk: risk.tracker,
    judge: judge.review,
    ...(pool ? { classifier: pool } : {}),
    close: async () => {
      await judge.close();
      await risk.close();
      await redis?.close();
      await upstreams.close();
      await pool?.close();
    },
  };
}
