import { mkdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { BulwarkError, errorMessage } from '../core/errors.js';
import { loadConfig, type LoadedConfig, type LoadOptions } from '../config/load.js';
import { gatewaySettings } from '../gateway/setup.js';
import { auditingBlocks } from '../guard/block-audit.js';
import { Guard } from '../guard/guard.js';
import { loadModelFile } from '../guard/model/index.js';
import { listenForPolicyReleases, openStore, type ReleaseListener, type StorageConfig, type Store } from '../store/index.js';
import { buildApp } from './app.js';
import { startEgressService, type EgressService } from './egress-wiring.js';
import { wireGateway } from './gateway-wiring.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { recordPolicyInForce, releaseOnRecord, type PolicyOrigin, type ReleaseOnRecord } from './policy-audit.js';
import { coalescedReload, startPolicyReloader, type PolicyReloader, type PolicyReloadOutcome, type PolicyReloadTrigger } from './policy-reload.js';
import { filePolicySource, storePolicySource, type PolicySource } from './policy-source.js';
import { policySignersOf } from './policy-release-signature.js';
import { INSECURE_ENV_KEY_VARIABLE, wireVault } from './vault-wiring.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly url: string;
  /** Config and policy as loaded at start; after a reload `guard.policy` is the policy in force. */
  readonly loaded: LoadedConfig;
  /** The guard the server classifies with (policy in force, model, window settings). */
  readonly guard: Guard;
  /** The egress proxy and its `/status` listener, running when `egress.enabled`. */
  readonly egress: EgressService | null;
  /** Reads the policy source (file, or the store's newest release) again and puts it in force if it changed and is valid (SIGHUP does this). */
  reloadPolicy(trigger?: PolicyReloadTrigger): Promise<PolicyReloadOutcome>;
  close(): Promise<void>;
}

export interface Services {
  readonly loaded: LoadedConfig;
  readonly store: Store;
  readonly guard: Guard;
}

/** Opens what every entry point needs: validated config, the store (migrated), the guard. */
export async function openServices(options: LoadOptions): Promise<Services> {
  const { loaded, guard } = loadGuard(options);
  ensureHome(loaded.paths.home);
  const store = await openStore(loaded.config.storage);
  return { loaded, store, guard };
}

/** Config, policy and model: everything a classification needs, without the store. */
export function loadGuard(options: LoadOptions): { loaded: LoadedConfig; guard: Guard } {
  const loaded = loadConfig(options);
  const model = loadModelFile(loaded.paths.modelFile);
  return { loaded, guard: new Guard(loaded.policy, model, loaded.config.guard) };
}

/** Config and store only, for commands that manage records (keys, decisions) without the model. */
export async function openStoreFor(options: LoadOptions): Promise<{ loaded: LoadedConfig; store: Store }> {
  const loaded = loadConfig(options);
  ensureHome(loaded.paths.home);
  return { loaded, store: await openStore(loaded.config.storage) };
}

/** The data folder (`--home` / `BULWARK_HOME`), created owner-only if missing; a path that cannot be one is a config error. */
function ensureHome(home: string): void {
  try {
    mkdirSync(home, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new BulwarkError('CONFIG_INVALID', `the data folder ${home} cannot be created or used`, { problems: [{ path: 'home', message: errorMessage(error) }] });
  }
}

/**
 * With `guard.policySource: store`, the newest release replaces the file's policy before anything is
 * judged; an invalid release fails the start as an invalid file does. Before the first release the
 * file serves, and the server says so.
 */
async function onRecordOrClose(store: Store): Promise<ReleaseOnRecord | null> {
  try {
    return await releaseOnRecord(store.db);
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function releasedPolicyAtStart(releases: PolicySource, guard: Guard, fileOrigin: PolicyOrigin, log: Logger): Promise<PolicyOrigin> {
  const released = await releases.read();
  if (released === null) {
    log.warn(fileOrigin, 'guard.policySource is store but no policy has been released yet; serving the policy file until one is (bulwark policy promote --publish)');
    return fileOrigin;
  }
  guard.replacePolicy(released.policy);
  log.info({ ...released.origin, policy: guard.policyId }, 'guard policy loaded from the store');
  return released.origin;
}

/**
 * On PostgreSQL a release reaches the replicas as soon as it is published (LISTEN/NOTIFY), not at their
 * next poll; the poll stays as the fallback for a missed notification. SQLite replicas share one host and poll.
 */
function listenForReleasePushes(storage: StorageConfig, reloader: PolicyReloader, log: Logger): ReleaseListener | null {
  if (storage.driver !== 'postgres') return null;
  let failing = false;
  // Anyone who can connect to the database can NOTIFY: a flood must not queue a reload per notification.
  const reload = coalescedReload(reloader);
  return listenForPolicyReleases({
    url: storage.postgres.url,
    schema: storage.postgres.schema,
    onRelease: (seq) => {
      if (failing) log.info('listening for policy releases again');
      failing = false;
      reload(seq === null ? 'watch' : 'push');
    },
    onError: (error) => {
      if (!failing) log.warn({ err: error }, 'not listening for policy releases; replicas still poll at guard.policyWatchIntervalMs, retrying');
      failing = true;
    },
  });
}

export async function startServer(options: LoadOptions, logger?: Logger): Promise<RunningServer> {
  const services = await openServices(options);
  const { loaded, store, guard } = services;
  const log = logger ?? createLogger(loaded.config.log.level);
  const fromStore = loaded.config.guard.policySource === 'store';
  const policySource = fromStore
    ? storePolicySource(store.policyReleases, policySignersOf(loaded.config.guard.policySigners), await onRecordOrClose(store))
    : filePolicySource(loaded.paths.policyFile);
  const fileOrigin: PolicyOrigin = { file: loaded.paths.policyFile };
  // Before the gateway sizes its stream hold-back from the policy's rules.
  const origin = !fromStore
    ? fileOrigin
    : await releasedPolicyAtStart(policySource, guard, fileOrigin, log).catch(async (error: unknown) => {
        await store.close();
        throw error;
      });
  const gateway = await wireGateway(loaded.config, guard, loaded.paths.modelFile, log, (name) => process.env[name]).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const insecureEnvKey = loaded.config.vault.insecureDevKeyProvider === 'insecure-env-key' ? process.env[INSECURE_ENV_KEY_VARIABLE] : undefined;
  let vault;
  try {
    vault = await wireVault({ config: loaded.config, home: loaded.paths.home, store, logger: log, insecureEnvKey });
  } catch (error) {
    await gateway.close();
    await store.close();
    throw error;
  }
  let egress: EgressService | null = null;
  try {
    const recorded = await recordPolicyInForce(vault.audit, guard.policy, origin);
    if (recorded) log.info({ policy: guard.policyId }, 'guard policy change recorded in the audit log');
    if (loaded.config.egress.enabled) {
      egress = await startEgressService({ config: loaded.config.egress, store, audit: vault.audit, logger: log, redis: loaded.config.storage.redis });
    }
  } catch (error) {
    vault.close();
    await gateway.close();
    await store.close();
    throw error;
  }
  // Every enforced guard block also goes to the audit log (invariant 5), whichever route decided it.
  const decisions = auditingBlocks(store.decisions, vault.audit, (error, record) => log.error({ err: error, decision: record.id }, 'a guard block could not be appended to the audit log'));
  const metrics = createMetrics();
  let inForce = origin;
  const app = buildApp({ config: loaded.config, guard, store: { ...store, decisions }, metrics, logger: log, gateway, vault, insecureEnvKey, policyOrigin: () => inForce });
  const reloader = startPolicyReloader({
    guard,
    source: policySource,
    audit: vault.audit,
    logger: log,
    holdbackChars: gatewaySettings(loaded.config, guard).holdbackChars,
    watchIntervalMs: loaded.config.guard.policyWatchIntervalMs,
    onOutcome: (outcome, trigger) => {
      if (outcome.status === 'applied') inForce = outcome.origin;
      metrics.policyReloads.inc({ outcome: outcome.status, trigger });
    },
  });
  const pushed = fromStore ? listenForReleasePushes(loaded.config.storage, reloader, log) : null;
  const shutdown = async (): Promise<void> => {
    reloader.close();
    await pushed?.close();
    vault.close();
    await app.close();
    await egress?.close();
    await gateway.close();
    await store.close();
  };
  try {
    await app.listen({ host: loaded.config.server.host, port: loaded.config.server.port });
  } catch (error) {
    await shutdown();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : loaded.config.server.port;
  const host = loaded.config.server.host.includes(':') ? `[${loaded.config.server.host}]` : loaded.config.server.host;
  return {
    app,
    url: `http://${host}:${port}`,
    loaded,
    guard,
    egress,
    reloadPolicy: (trigger = 'call') => reloader.reload(trigger),
    close: shutdown,
  };
}
