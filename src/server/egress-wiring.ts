import type { Logger } from 'pino';
import type { AuditLog } from '../audit/index.js';
import { systemClock } from '../core/clock.js';
import {
  buildStatus,
  checkExfiltrationGate,
  createEgressTokenRepository,
  createRedisLedger,
  createWebhookNotifier,
  openLocalLedger,
  parseListen,
  startEgressAdmin,
  startEgressProxy,
  statusBudgets,
  type EgressAdmin,
  type EgressConfig,
  type EgressLedger,
  type EgressProxy,
  type EgressUsage,
} from '../egress/index.js';
import { openRedis, type RedisHandle, type Store } from '../store/index.js';

export interface EgressServiceOptions {
  /** The `egress:` block to run (its `enabled` flag is the caller's business). */
  readonly config: EgressConfig;
  readonly store: Store;
  readonly audit: AuditLog;
  readonly logger: Logger;
  /** Shared ledger for several replicas; unset, budgets live in the store and buckets in memory. */
  readonly redis?: { readonly url: string; readonly keyPrefix: string } | undefined;
  /** Override `config.listen` / `config.adminListen` (CLI flags, tests binding port 0). */
  readonly listen?: { host: string; port: number } | undefined;
  readonly adminListen?: { host: string; port: number } | undefined;
}

export interface EgressService {
  readonly proxy: EgressProxy;
  readonly admin: EgressAdmin;
  /** True when the ledger is the shared Redis one. */
  readonly sharedLedger: boolean;
  close(): Promise<void>;
}

/**
 * Starts the egress proxy and its admin `/status` listener, for `bulwark serve` (when
 * `egress.enabled`) and `bulwark egress serve` alike. The time-to-exfiltrate gate runs first: a
 * policy that would let the largest artifact (config or vault registry) leave faster than
 * `egress.minTimeToExfiltrate` refuses to start unless `egress.unsafeAllowFastExfiltration` is set.
 */
export async function startEgressService(options: EgressServiceOptions): Promise<EgressService> {
  const { config, store, logger } = options;
  checkExfiltrationGate(config, { artifactBytes: [...config.artifacts, ...(await vaultArtifactSizes(store))] });
  const onLedgerError = (error: unknown): void => logger.warn({ err: error }, 'egress ledger background error');
  const { ledger, redis } = await openEgressLedger(config, store, options.redis, onLedgerError);
  const opened: { proxy?: EgressProxy; admin?: EgressAdmin } = {};
  const close = async (): Promise<void> => {
    await opened.admin?.close();
    await opened.proxy?.close();
    await ledger.close();
    await redis?.close();
  };
  try {
    opened.proxy = await startEgressProxy({
      config,
      tokens: createEgressTokenRepository(store.db, systemClock),
      ledger,
      audit: options.audit,
      ...(config.webhookUrl ? { notifier: createWebhookNotifier(config.webhookUrl) } : {}),
      logger,
      listen: options.listen ?? parseListen(config.listen),
    });
    opened.admin = await startEgressAdmin({
      listen: options.adminListen ?? parseListen(config.adminListen),
      ledger,
      failOpenOnLedgerError: config.failOpenOnLedgerError,
      selftestIntervalMs: config.selftestIntervalSeconds * 1000,
      usage: usageOf(config, opened.proxy, ledger),
      logger,
    });
  } catch (error) {
    await close();
    throw error;
  }
  return { proxy: opened.proxy, admin: opened.admin, sharedLedger: redis !== null, close };
}

function usageOf(config: EgressConfig, proxy: EgressProxy, ledger: EgressLedger): () => Promise<EgressUsage> {
  const budgets = statusBudgets(config);
  return async () => ({ identities: proxy.traffic(), budgets: buildStatus(config, await ledger.usage(budgets)) });
}

async function openEgressLedger(
  config: EgressConfig,
  store: Store,
  shared: EgressServiceOptions['redis'],
  onError: (error: unknown) => void,
): Promise<{ ledger: EgressLedger; redis: RedisHandle | null }> {
  if (!shared) return { ledger: await openLocalLedger(store.db, { clock: systemClock, alertFractions: config.alertAt, onFlushError: onError }), redis: null };
  const redis = await openRedis(shared.url, { keyPrefix: shared.keyPrefix, onBackgroundError: onError });
  return { ledger: createRedisLedger(redis.client, { alertFractions: config.alertAt }), redis };
}

/** Sizes of the artifacts in the vault registry (none when the vault is empty or not set up). */
export async function vaultArtifactSizes(store: Store): Promise<number[]> {
  try {
    const rows = await store.db.selectFrom('vault_artifacts').select('size').execute();
    return rows.map((r) => Number(r.size));
  } catch {
    return [];
  }
}
