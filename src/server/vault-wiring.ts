import { join } from 'node:path';
import type { Logger } from 'pino';
import { createAccessService, createWebhookNotifier, type AccessService } from '../access/index.js';
import { createAuditLog, DEFAULT_AUDIT_CHECKPOINT_INTERVAL_MS, DEFAULT_AUDIT_LOG_KEY_FILE, type AuditLog } from '../audit/index.js';
import type { BulwarkConfig } from '../config/config-schema.js';
import type { Store } from '../store/index.js';
import {
  createAllowlistService,
  createMonitorWebhookNotifier,
  createPendingChangeStore,
  createReleasePolicy,
  keyDirectoryFromUsers,
  type AllowlistService,
  type KeyDirectory,
  type MonitorReportNotifier,
  type PendingChangeStore,
  type ReleasePolicy,
} from '../allowlist/index.js';
import {
  createArtifactRegistry,
  createKeyCustody,
  createVaultService,
  decodeInsecureKey,
  INSECURE_LOCAL_KEY_FILE,
  readInsecureKeyFile,
  type ArtifactRegistry,
  type KeyCustody,
  type KeyProviderName,
  type VaultService,
} from '../vault/index.js';

/** Everything the vault, access and audit routes need; built once per process by startServer. */
export interface VaultWiring {
  readonly home: string;
  readonly audit: AuditLog;
  readonly auditKeyFile: string;
  readonly access: AccessService;
  readonly custody: KeyCustody;
  readonly registry: ArtifactRegistry;
  readonly vault: VaultService;
  readonly insecureProvider: KeyProviderName | null;
  /** Where insecure-local-file keeps the key, when that provider is on. */
  readonly insecureKeyFile: string;
  /** Allowlist entries, pending two-party changes and the conditional release (docs/allowlist.md). */
  readonly allowlist: AllowlistService;
  readonly allowlistKeys: KeyDirectory;
  readonly pendingAllowlistChanges: PendingChangeStore;
  readonly release: ReleasePolicy;
  readonly allowlistRequiredApprovals: number;
  /** `allowlist.webhook`: where monitor reports go besides the audit log; null when not configured. */
  readonly monitorNotifier: MonitorReportNotifier | null;
  close(): void;
}

export interface VaultWiringOptions {
  readonly config: BulwarkConfig;
  readonly home: string;
  readonly store: Store;
  readonly logger: Logger;
  /** Only for `insecure-env-key`: the value of BULWARK_INSECURE_VAULT_MASTER_KEY. */
  readonly insecureEnvKey?: string | undefined;
}

export const INSECURE_ENV_KEY_VARIABLE = 'BULWARK_INSECURE_VAULT_MASTER_KEY';

export async function wireVault(options: VaultWiringOptions): Promise<VaultWiring> {
  const { store, logger, home } = options;
  const auditKeyFile = join(home, DEFAULT_AUDIT_LOG_KEY_FILE);
  const audit = createAuditLog(store, { keyFile: auditKeyFile });
  const registry = createArtifactRegistry(store.db);
  const insecureProvider = options.config.vault.insecureDevKeyProvider;
  const custody = createKeyCustody({ db: store.db, audit, provider: insecureProvider ?? 'shamir' });
  const vault = createVaultService({ home, custody, registry, audit });
  const accessWebhook = options.config.access.webhook;
  const access = createAccessService({
    db: store.db,
    audit,
    artifacts: registry,
    notifier: accessWebhook === undefined ? null : createWebhookNotifier({ url: accessWebhook.url, timeoutMs: accessWebhook.timeoutMs }),
    onNotificationFailure: (error) => logger.warn({ err: error }, 'access notification failed'),
  });
  const allowlistKeys = keyDirectoryFromUsers(() => access.listUsers());
  const allowlistConfig = options.config.allowlist;
  const allowlist = createAllowlistService({ db: store.db, audit, keys: allowlistKeys, requiredApprovals: allowlistConfig.requiredApprovals });
  const release = createReleasePolicy({ allowlist, audit, requiredForVaultGet: allowlistConfig.requiredForVaultGet, egress: options.config.egress });
  const pendingAllowlistChanges = createPendingChangeStore(store.db);
  const webhook = allowlistConfig.webhook;
  const monitorNotifier = webhook === undefined ? null : createMonitorWebhookNotifier({ url: webhook.url, timeoutMs: webhook.timeoutMs });
  const swept = await vault.sweepInterruptedPuts();
  if (swept > 0) logger.warn(`vault: removed ${swept} unregistered object(s) left by an interrupted put`);
  const insecureKeyFile = join(home, INSECURE_LOCAL_KEY_FILE);
  await autoUnseal(custody, insecureProvider, insecureKeyFile, options.insecureEnvKey, logger);
  // A quiet log's last entries get signed too (docs/audit.md, "Checkpoints").
  const timer = setInterval(() => {
    audit.checkpoint().catch((error: unknown) => logger.error({ err: error }, 'audit checkpoint failed'));
  }, DEFAULT_AUDIT_CHECKPOINT_INTERVAL_MS);
  timer.unref();
  return {
    home, audit, auditKeyFile, access, custody, registry, vault, insecureProvider, insecureKeyFile,
    allowlist, allowlistKeys, pendingAllowlistChanges, release, allowlistRequiredApprovals: allowlistConfig.requiredApprovals, monitorNotifier,
    close: () => clearInterval(timer),
  };
}

/** The insecure providers skip the custodians: the whole key is at hand, so unseal at start-up. */
async function autoUnseal(
  custody: KeyCustody,
  provider: KeyProviderName | null,
  keyFile: string,
  envValue: string | undefined,
  logger: Logger,
): Promise<void> {
  if (provider === null) return;
  logger.warn(`vault: INSECURE key provider ${provider} is on; the master key is not protected by M-of-N shares`);
  if (!(await custody.status()).initialized) return;
  const key = provider === 'insecure-local-file' ? await readInsecureKeyFile(keyFile) : envValue ? decodeInsecureKey(envValue, INSECURE_ENV_KEY_VARIABLE) : null;
  if (key === null) return;
  try {
    await custody.unsealWithKey(key, provider);
  } finally {
    key.fill(0);
  }
}
