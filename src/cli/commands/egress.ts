import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { createAuditLog, DEFAULT_AUDIT_LOG_KEY_FILE } from '../../audit/index.js';
import { systemClock } from '../../core/clock.js';
import { BulwarkError } from '../../core/errors.js';
import {
  buildStatus,
  createEgressTokenRepository,
  createRedisLedger,
  describeRow,
  EXPORT_FORMATS,
  exportRules,
  formatBytes,
  parseEgressConfig,
  parseSize,
  planExfiltration,
  readStoredUsage,
  runEgressSelftest,
  statusBudgets,
  type EgressConfig,
  type ExportFormat,
} from '../../egress/index.js';
import { createLogger } from '../../server/logger.js';
import { startEgressService, vaultArtifactSizes } from '../../server/egress-wiring.js';
import { openStoreFor } from '../../server/start.js';
import { loadConfig } from '../../config/load.js';
import { openRedis, type Store } from '../../store/index.js';
import { loadOptionsFrom, parsePositiveInt, type CommonFlags } from '../env.js';
import { emit } from '../output.js';

interface EgressFlags extends CommonFlags {
  json?: boolean;
  egressConfig?: string;
  redisUrl?: string;
  redisKeyPrefix?: string;
  unsafeAllowFastExfiltration?: boolean;
}

/**
 * The `egress:` block to use: from --egress-config (env BULWARK_EGRESS_CONFIG; the block alone is
 * accepted too), else the one in the main configuration (--config / BULWARK_CONFIG).
 */
function loadEgressConfig(flags: EgressFlags, env: NodeJS.ProcessEnv = process.env): EgressConfig {
  const file = flags.egressConfig ?? env.BULWARK_EGRESS_CONFIG;
  let value: unknown = file ? readEgressBlock(file) : loadConfig(loadOptionsFrom(flags)).config.egress;
  if (flags.unsafeAllowFastExfiltration === true) value = { ...(value as object), unsafeAllowFastExfiltration: true };
  return parseEgressConfig(value, file ?? flags.config ?? env.BULWARK_CONFIG ?? '(defaults)');
}

function readEgressBlock(file: string): unknown {
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(file, 'utf8'), { maxAliasCount: 100 }) ?? {};
  } catch (error) {
    throw new BulwarkError('CONFIG_UNREADABLE', `cannot read ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  return typeof parsed === 'object' && parsed !== null && 'egress' in parsed ? parsed.egress : parsed;
}

async function withEgress<T>(flags: EgressFlags, use: (opened: { config: EgressConfig; store: Store; home: string }) => Promise<T>): Promise<T> {
  const config = loadEgressConfig(flags);
  const { loaded, store } = await openStoreFor(loadOptionsFrom(flags));
  try {
    return await use({ config, store, home: loaded.paths.home });
  } finally {
    await store.close();
  }
}

const DEFAULT_REDIS_KEY_PREFIX = 'bulwark:';

function parseHostPort(text: string, flag: string): { host: string; port: number } {
  const match = /^(.*):(\d{1,5})$/.exec(text);
  if (!match || Number(match[2]) > 65_535) throw new BulwarkError('CLI_USAGE', `${flag} must be host:port, got "${text}"`);
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port: Number(match[2]) };
}

function commonOptions(command: Command): Command {
  return command
    .option('--egress-config <file>', 'YAML with the egress: block (env BULWARK_EGRESS_CONFIG)')
    .option('--home <dir>', 'data folder (env BULWARK_HOME)')
    .option('--config <file>', 'config YAML for storage (env BULWARK_CONFIG)')
    .option('--json', 'print JSON');
}

export function registerEgress(program: Command): void {
  const egress = program.command('egress').description('egress bandwidth controls: forward proxy, caps, budgets, planner');
  commonOptions(egress.command('serve').description('run the egress forward proxy'))
    .option('--listen <host:port>', 'overrides egress.listen')
    .option('--admin-listen <host:port>', 'overrides egress.adminListen (GET /status)')
    .option('--redis-url <url>', 'shared ledger for several replicas (env BULWARK_REDIS_URL)')
    .option('--redis-key-prefix <prefix>', 'Redis key prefix of the shared ledger', DEFAULT_REDIS_KEY_PREFIX)
    .option('--unsafe-allow-fast-exfiltration', 'start even if the planner says weights could leave too fast')
    .action((flags: EgressFlags & { listen?: string; adminListen?: string }) => serveEgress(flags));
  const token = egress.command('token').description('proxy credentials of workload identities (stored hashed)');
  commonOptions(token.command('create').requiredOption('--identity <name>', 'the workload identity')).action(async (flags: EgressFlags & { identity: string }) => {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(flags.identity)) throw new BulwarkError('CLI_USAGE', 'identity must be 1-64 letters, digits, "_", "." or "-"');
    const { store } = await openStoreFor(loadOptionsFrom(flags));
    try {
      const created = await createEgressTokenRepository(store.db, systemClock).create(flags.identity);
      emit(flags.json === true, { identity: created.identity, token: created.token }, () => `${created.token}\n(egress token for identity ${created.identity}; shown once, store it now)`);
    } finally {
      await store.close();
    }
  });
  commonOptions(egress.command('plan').description('time-to-exfiltrate for the largest artifact through every path'))
    .option('--artifact-bytes <size...>', 'artifact sizes (e.g. 810GB); default: vault registry, then config')
    .option('--compression <factor>', 'assumed compression', '16')
    .option('--identities <k>', 'how many identities collude (default: all)')
    .action((flags: EgressFlags & { artifactBytes?: string[]; compression: string; identities?: string }) => planCommand(flags));
  commonOptions(egress.command('status').description('budget usage and caps per identity'))
    .option('--redis-url <url>', 'read the shared ledger (env BULWARK_REDIS_URL)')
    .option('--redis-key-prefix <prefix>', 'Redis key prefix of the shared ledger', DEFAULT_REDIS_KEY_PREFIX)
    .action((flags: EgressFlags) => statusCommand(flags));
  egress
    .command('selftest')
    .description('push a synthetic upload through a loopback proxy and verify the cap bites')
    .option('--rate <size/s>', 'cap to test, bytes per second', String(2 * 1024 * 1024))
    .option('--json', 'print JSON')
    .action(async (flags: { rate: string; json?: boolean }) => {
      const result = await runEgressSelftest(parsePositiveInt(flags.rate, '--rate'));
      emit(flags.json === true, result, () => `selftest passed: ${formatBytes(result.achievedBytesPerSecond)}/s against a cap of ${formatBytes(result.capBytesPerSecond)}/s (${(result.error * 100).toFixed(1)}%)`);
    });
  commonOptions(egress.command('export').description('kernel-level rules matching the policy'))
    .requiredOption('--format <format>', EXPORT_FORMATS.join('|'))
    .option('--interface <dev>', 'tc: network interface', 'eth0')
    .option('--proxy-user <user>', 'nftables: the OS user the proxy runs as', 'bulwark')
    .action((flags: EgressFlags & { format: string; interface: string; proxyUser: string }) => {
      if (!EXPORT_FORMATS.includes(flags.format as ExportFormat)) throw new BulwarkError('CLI_USAGE', `--format must be one of ${EXPORT_FORMATS.join(', ')}`);
      process.stdout.write(exportRules(loadEgressConfig(flags), flags.format as ExportFormat, { interface: flags.interface, proxyUser: flags.proxyUser }));
    });
}

async function serveEgress(flags: EgressFlags & { listen?: string; adminListen?: string }): Promise<void> {
  const config = loadEgressConfig(flags);
  const { loaded, store } = await openStoreFor(loadOptionsFrom(flags));
  const logger = createLogger(loaded.config.log.level);
  const url = flags.redisUrl ?? process.env.BULWARK_REDIS_URL;
  let egress;
  try {
    egress = await startEgressService({
      config,
      store,
      audit: createAuditLog(store, { keyFile: join(loaded.paths.home, DEFAULT_AUDIT_LOG_KEY_FILE) }),
      logger,
      redis: url ? { url, keyPrefix: flags.redisKeyPrefix ?? DEFAULT_REDIS_KEY_PREFIX } : undefined,
      listen: flags.listen ? parseHostPort(flags.listen, '--listen') : undefined,
      adminListen: flags.adminListen ? parseHostPort(flags.adminListen, '--admin-listen') : undefined,
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const { proxy, admin, sharedLedger } = egress;
  process.stdout.write(
    `bulwark egress proxy listening on ${proxy.url} (${sharedLedger ? 'shared Redis ledger' : 'local ledger'}, ${Object.keys(config.identities).length} identities); status on ${admin.url}/status\n`,
  );
  const stop = (): void => {
    void (async () => {
      await egress.close();
      await store.close();
      process.exit(0);
    })();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function planCommand(flags: EgressFlags & { artifactBytes?: string[]; compression: string; identities?: string }): Promise<void> {
  const compression = Number(flags.compression);
  if (!(compression >= 1)) throw new BulwarkError('CLI_USAGE', `--compression must be a number >= 1, got "${flags.compression}"`);
  const given = (flags.artifactBytes ?? []).map((text) => {
    const bytes = parseSize(text);
    if (bytes === null || bytes === 0) throw new BulwarkError('CLI_USAGE', `--artifact-bytes "${text}" is not a size (e.g. 810GB)`);
    return bytes;
  });
  const config = loadEgressConfig(flags);
  const sizes = given.length > 0 ? given : await withEgress(flags, ({ store }) => vaultArtifactSizes(store));
  const plan = planExfiltration(config, {
    ...(sizes.length > 0 ? { artifactBytes: sizes } : {}),
    compression,
    ...(flags.identities ? { colluding: parsePositiveInt(flags.identities, '--identities') } : {}),
  });
  emit(flags.json === true, plan, () => [`largest artifact ${formatBytes(plan.artifactBytes)}`, ...plan.rows.map((r) => `  ${describeRow(r)}`)].join('\n'));
}

async function statusCommand(flags: EgressFlags): Promise<void> {
  await withEgress(flags, async ({ config, store }) => {
    const budgets = statusBudgets(config);
    const url = flags.redisUrl ?? process.env.BULWARK_REDIS_URL;
    let usage;
    if (url) {
      const redis = await openRedis(url, { keyPrefix: flags.redisKeyPrefix ?? DEFAULT_REDIS_KEY_PREFIX });
      try {
        usage = await createRedisLedger(redis.client, { alertFractions: config.alertAt }).usage(budgets);
      } finally {
        await redis.close();
      }
    } else {
      usage = await readStoredUsage(store.db, budgets, systemClock.now());
    }
    const status = buildStatus(config, usage);
    emit(flags.json === true, status, () =>
      status
        .map((s) => [`${s.scope}  cap ${formatBytes(s.uploadBytesPerSecondCap)}/s`, ...s.budgets.map((b) => `  ${b.window}: ${formatBytes(b.usedBytes)} of ${formatBytes(b.limitBytes)} (${(b.fraction * 100).toFixed(1)}%)`)].join('\n'))
        .join('\n'),
    );
  });
}
