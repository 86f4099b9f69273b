import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createAuditLog, DEFAULT_AUDIT_LOG_KEY_FILE, type AuditLog } from '../../audit/index.js';
import type { LoadedConfig } from '../../config/load.js';
import { BulwarkError } from '../../core/errors.js';
import { openStoreFor } from '../../server/start.js';
import type { Exemption, Store } from '../../store/index.js';
import { loadOptionsFrom, type CommonFlags } from '../env.js';
import { emit } from '../output.js';

interface ExemptionFlags extends CommonFlags {
  json?: boolean;
}

interface GrantFlags extends ExemptionFlags {
  tenant: string;
  account?: string;
  categories: string;
  expires: string;
  reason: string;
  grantedBy?: string;
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
/** An exemption is a standing loosening of the guard; a year is the longest it may run unreviewed. */
const MAX_EXEMPTION_MS = 365 * 86_400_000;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,255}$/;

/** `30d`, `12h`, `90m`. */
export function parseDuration(value: string): number {
  const match = /^(\d{1,6})([mhd])$/.exec(value);
  const ms = match ? Number(match[1]) * UNITS[match[2]!]! : NaN;
  if (!(ms > 0) || ms > MAX_EXEMPTION_MS) throw new BulwarkError('CLI_USAGE', `--expires must be like 30d, 12h or 90m and at most 365d, got "${value}"`);
  return ms;
}

export function registerExemptions(program: Command): void {
  const exemptions = program.command('exemptions').description('trusted-access exemptions: vetted tenants or accounts answered on named CBRN categories (still classified, logged and reviewed)');
  exemptions
    .command('grant')
    .requiredOption('--tenant <name>', 'tenant the exemption is for')
    .option('--account <id>', 'only this account (OpenAI user / Anthropic metadata.user_id, else the gateway key id); default every account of the tenant')
    .requiredOption('--categories <list>', 'comma-separated policy categories, e.g. cbrn.bio')
    .requiredOption('--expires <duration>', 'lifetime: 30d, 12h, 90m (at most 365d)')
    .requiredOption('--reason <text>', 'why (vetting reference); kept with the grant')
    .option('--granted-by <name>', 'who grants it (default: the OS user running the CLI)')
    .option('--home <dir>', 'data folder (env BULWARK_HOME)')
    .option('--config <file>', 'config YAML (env BULWARK_CONFIG)')
    .option('--policy <file>', 'policy YAML, to check the category names (env BULWARK_POLICY)')
    .option('--json', 'print JSON')
    .action(async (flags: GrantFlags) => {
      const expiresMs = parseDuration(flags.expires);
      if (!NAME.test(flags.tenant) || (flags.account !== undefined && !NAME.test(flags.account))) throw new BulwarkError('CLI_USAGE', 'tenant and account must be 1-256 letters, digits or _ . : @ -');
      if (flags.reason.trim().length === 0) throw new BulwarkError('CLI_USAGE', '--reason must not be empty');
      const { loaded, store } = await openStoreFor(loadOptionsFrom(flags));
      try {
        const categories = checkCategories(flags.categories, Object.keys(loaded.policy.categories.harmful));
        const granted = await store.exemptions.grant({
          tenant: flags.tenant,
          account: flags.account ?? null,
          categories,
          reason: flags.reason.trim(),
          grantedBy: flags.grantedBy ?? userInfo().username,
          expiresAt: Date.now() + expiresMs,
        });
        await auditOrUndo(openAudit(loaded, store), granted, () => store.exemptions.revoke(granted.id, 'audit-append-failed'));
        emit(flags.json === true, granted, () => `granted ${granted.id}: ${describe(granted)}`);
      } finally {
        await store.close();
      }
    });
  exemptions
    .command('list')
    .option('--tenant <name>', 'only this tenant')
    .option('--all', 'include revoked and expired exemptions')
    .option('--home <dir>', 'data folder (env BULWARK_HOME)')
    .option('--config <file>', 'config YAML (env BULWARK_CONFIG)')
    .option('--json', 'print JSON')
    .action(async (flags: ExemptionFlags & { tenant?: string; all?: boolean }) => {
      const { store } = await openStoreFor(loadOptionsFrom(flags));
      try {
        const list = await store.exemptions.list({ ...(flags.tenant ? { tenant: flags.tenant } : {}), includeInactive: flags.all === true });
        emit(flags.json === true, list, () => (list.length === 0 ? 'no exemptions' : list.map((e) => `${e.id}  ${describe(e)}`).join('\n')));
      } finally {
        await store.close();
      }
    });
  exemptions
    .command('revoke <id>')
    .option('--revoked-by <name>', 'who revokes it (default: the OS user running the CLI)')
    .option('--home <dir>', 'data folder (env BULWARK_HOME)')
    .option('--config <file>', 'config YAML (env BULWARK_CONFIG)')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: ExemptionFlags & { revokedBy?: string }) => {
      const { loaded, store } = await openStoreFor(loadOptionsFrom(flags));
      try {
        const revokedBy = flags.revokedBy ?? userInfo().username;
        // Audited before it takes effect: a revoke that cannot be recorded does not happen.
        await openAudit(loaded, store).append({ type: 'exemption.revoke', actor: revokedBy, subject: id, time: Date.now(), details: { id } });
        if (!(await store.exemptions.revoke(id, revokedBy))) throw new BulwarkError('GATEWAY_EXEMPTION_NOT_FOUND', `no active exemption with id ${id}`);
        emit(flags.json === true, { id, revoked: true }, () => `revoked ${id}`);
      } finally {
        await store.close();
      }
    });
}

/** The same log the server appends to (key file in the data folder). */
function openAudit(loaded: LoadedConfig, store: Store): AuditLog {
  return createAuditLog(store, { keyFile: join(loaded.paths.home, DEFAULT_AUDIT_LOG_KEY_FILE) });
}

/**
 * An exemption loosens the guard, so it must be in the audit log (DESIGN invariant 5). The id exists
 * only once the grant is stored; if the append then fails, the grant is revoked again and the
 * command fails, so no unaudited exemption stays active.
 */
async function auditOrUndo(audit: AuditLog, granted: Exemption, undo: () => Promise<unknown>): Promise<void> {
  try {
    await audit.append({
      type: 'exemption.grant',
      actor: granted.grantedBy,
      subject: granted.tenant,
      time: Date.now(),
      details: { id: granted.id, tenant: granted.tenant, account: granted.account, categories: granted.categories, reason: granted.reason, expiresAt: granted.expiresAt },
    });
  } catch (error) {
    await undo();
    throw error;
  }
}

function checkCategories(list: string, known: readonly string[]): string[] {
  const categories = list.split(',').map((c) => c.trim()).filter((c) => c.length > 0);
  const unknown = categories.filter((c) => !known.includes(c));
  if (categories.length === 0 || unknown.length > 0) throw new BulwarkError('CLI_USAGE', `--categories must name policy categories (${known.join(', ')}); unknown: ${unknown.join(', ') || '(none given)'}`);
  return categories;
}

function describe(e: Exemption): string {
  const state = e.revokedAt !== null ? `revoked by ${e.revokedBy ?? '?'}` : e.expiresAt <= Date.now() ? 'expired' : `until ${new Date(e.expiresAt).toISOString()}`;
  return `${e.tenant}${e.account ? `/${e.account}` : ' (all accounts)'}  ${e.categories.join(',')}  ${state}  granted by ${e.grantedBy}: ${e.reason}`;
}
