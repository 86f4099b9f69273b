import type { Command } from 'commander';
import { BulwarkError } from '../../core/errors.js';
import { openStoreFor } from '../../server/start.js';
import type { Decision, DecisionRecord } from '../../store/index.js';
import { loadOptionsFrom, parsePositiveInt, type CommonFlags } from '../env.js';
import { emit } from '../output.js';

interface ListFlags extends CommonFlags {
  json?: boolean;
  limit?: string;
  before?: string;
  tenant?: string;
  decision?: string;
}

export function registerDecisions(program: Command): void {
  const decisions = program.command('decisions').description('query the decision log');
  decisions
    .command('list')
    .option('--limit <n>', 'how many, newest first (max 1000)', '50')
    .option('--before <id>', 'page: only decisions older than this id')
    .option('--tenant <name>', 'only this tenant')
    .option('--decision <d>', 'only allow | flag | block')
    .option('--home <dir>', 'data folder (env BULWARK_HOME)')
    .option('--config <file>', 'config YAML (env BULWARK_CONFIG)')
    .option('--json', 'print JSON')
    .action(async (flags: ListFlags) => {
      if (flags.decision !== undefined && !['allow', 'flag', 'block'].includes(flags.decision)) {
        throw new BulwarkError('CLI_USAGE', '--decision must be allow, flag or block');
      }
      const limit = parsePositiveInt(flags.limit ?? '50', '--limit');
      const { store } = await openStoreFor(loadOptionsFrom(flags));
      try {
        const rows = await store.decisions.list({
          limit,
          ...(flags.before ? { before: flags.before } : {}),
          ...(flags.tenant ? { tenant: flags.tenant } : {}),
          ...(flags.decision ? { decision: flags.decision as Decision } : {}),
        });
        emit(flags.json === true, rows, () =>
          rows.length === 0
            ? 'no decisions'
            : rows
                .map((r) => `${new Date(r.createdAt).toISOString()}  ${r.id}  ${r.decision.padEnd(5)}  ${r.source}  ${r.tenant ?? '-'}  ${r.categories.join(',') || '-'}${decisionNotes(r)}`)
                .join('\n'),
        );
      } finally {
        await store.close();
      }
    });
}

/** What a reviewer should not miss in one line: an exemption that changed the outcome, risk that escalated, content left unread. */
export function decisionNotes(record: Pick<DecisionRecord, 'details'>): string {
  const details = record.details;
  if (details === undefined) return '';
  const out: string[] = [];
  if (details.exempted === true) out.push('exempted');
  if (details.risk !== undefined && details.risk.decision !== 'allow') out.push(`risk:${details.risk.decision}`);
  if (details.unread !== undefined && details.unread.length > 0) out.push(`unread:${details.unread.join(',')}`);
  return out.length === 0 ? '' : `  [${out.join(' ')}]`;
}
