import type { Command } from 'commander';
import { loadPublicKeyFile, signUsersChange, USER_ROLES, type AccessUser, type RequestSummary, type UserRole } from '../../access/index.js';
import { BulwarkError } from '../../core/errors.js';
import { callJson, serverUrlOf } from '../api-client.js';
import { emit } from '../output.js';
import { clientContext, withClientFlags, type ClientCommandFlags } from './client-flags.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function parseRoles(values: readonly string[]): UserRole[] {
  for (const role of values) {
    if (!(USER_ROLES as readonly string[]).includes(role)) throw new BulwarkError('CLI_USAGE', `--role must be one of ${USER_ROLES.join(', ')}, got "${role}"`);
  }
  return [...new Set(values)] as UserRole[];
}

interface AddFlags extends ClientCommandFlags {
  name: string;
  publicKey: string;
  role: string[];
  pool?: string[];
  reason?: string;
}

export function registerUsers(program: Command): void {
  const users = program.command('users').description('registered identities; every change needs a second admin');
  withClientFlags(users.command('add'))
    .description('request that a user be added (a second admin approves with `bulwark access approve ID`)')
    .requiredOption('--name <name>', 'user name')
    .requiredOption('--public-key <file>', "the user's FILE.pub")
    .requiredOption('--role <role>', 'requester, approver or admin (repeatable)', collect)
    .option('--pool <pool>', 'approval pool, e.g. security (repeatable)', collect)
    .option('--reason <text>', 'why', 'add user')
    .action(async (flags: AddFlags) => {
      const { base, identity } = await clientContext(flags);
      const key = await loadPublicKeyFile(flags.publicKey);
      const change = { op: 'add' as const, name: flags.name, publicKey: key.publicKey, roles: parseRoles(flags.role), pools: flags.pool ?? [] };
      const envelope = signUsersChange(identity, { change, reason: flags.reason ?? 'add user', now: Date.now() });
      const summary = await callJson<RequestSummary>(base, 'POST', '/api/access/users/changes', { body: envelope });
      emit(flags.json === true, { id: summary.id, status: summary.status }, () => `users change ${summary.id}: ${summary.status} (a second admin approves it)`);
    });
  withClientFlags(users.command('list'))
    .description('list registered users')
    .action(async (flags: ClientCommandFlags) => {
      const { users: list } = await callJson<{ users: AccessUser[] }>(serverUrlOf(flags), 'GET', '/api/access/users');
      emit(flags.json === true, list, () => list.map((u) => `${u.keyId.slice(0, 16)}  ${u.name}  ${u.roles.join(',')}${u.pools.length ? `  pools ${u.pools.join(',')}` : ''}`).join('\n'));
    });
}
