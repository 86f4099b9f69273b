import type { Command } from 'commander';
import { BulwarkError } from '../../core/errors.js';
import { openStoreFor } from '../../server/start.js';
import { loadOptionsFrom, type CommonFlags } from '../env.js';
import { emit } from '../output.js';

interface KeyFlags extends CommonFlags {
  json?: boolean;
}

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('manage API keys for the guard API and gateway (stored hashed)');
  keys
    .command('create')
    .requiredOption('--tenant <name>', 'tenant the key belongs to')
    .option('--name <label>', 'a label to recognise the key by')
    .option('--home <dir>', 'data folder (env BULWARK_HOME)')
    .option('--config <file>', 'config YAML (env BULWARK_CONFIG)')
    .option('--json', 'print JSON')
    .action(async (flags: KeyFlags & { tenant: string; name?: string }) => {
      if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(flags.tenant)) {
        throw new BulwarkError('CLI_USAGE', 'tenant must be 1-64 letters, digits, "_", "." or "-"');
      }
      const { store } = await openStoreFor(loadOptionsFrom(flags));
      try {
        const created = await store.apiKeys.create({ tenant: flags.tenant, name: flags.name ?? null });
        emit(flags.json === true, created, () => `${created.key}\n(key ${created.id} for tenant ${created.tenant}; shown once, store it now)`);
      } finally {
        await store.close();
      }
    });
  keys
    .command('list')
    .option('--home <dir>', 'data folder (env BULWARK_HOME)')
    .option('--config <file>', 'config YAML (env BULWARK_CONFIG)')
    .option('--json', 'print JSON')
    .action(async (flags: KeyFlags) => {
      const { store } = await openStoreFor(loadOptionsFrom(flags));
      try {
        const list = await store.apiKeys.list();
        emit(flags.json === true, list, () =>
          list.length === 0
            ? 'no keys'
            : list.map((k) => `${k.id}  ${k.tenant}  ${k.prefix}…  ${k.revokedAt ? 'revoked' : 'active'}  ${k.name ?? ''}`).join('\n'),
        );
      } finally {
        await store.close();
      }
    });
  keys
    .command('revoke <id>')
    .option('--home <dir>', 'data folder (env BULWARK_HOME)')
    .option('--config <file>', 'config YAML (env BULWARK_CONFIG)')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: KeyFlags) => {
      const { store } = await openStoreFor(loadOptionsFrom(flags));
      try {
        const revoked = await store.apiKeys.revoke(id);
        if (!revoked) throw new BulwarkError('CLI_USAGE', `no active key with id ${id}`);
        emit(flags.json === true, { id, revoked: true }, () => `revoked ${id}`);
      } finally {
        await store.close();
      }
    });
}
