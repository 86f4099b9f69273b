import type { Command } from 'commander';
import { openStoreFor } from '../../server/start.js';
import type { DecisionRecord } from '../../store/index.js';
import { loadOptionsFrom, parsePositiveInt, type CommonFlags } from '../env.js';
import { emit } from '../output.js';

interface ReviewFlags extends CommonFlags {
  json?: boolean;
  limit?: string;
  before?: string;
  tenant?: string;
}

/**
 * The review list: decisions recorded as `flag` — traffic let through under an exemption, and
 * conversations or accounts whose accumulated risk crossed the flag threshold. Nothing exempt is
 * skipped; it is all here for a human to look at.
 */
export function registerReview(program: Command): void {
  const review = program.command('review').description('traffic flagged for human review (exempted, or risky conversations and accounts)');
  review
    .command('list')
    .option('--limit <n>', 'how many, newest first (max 1000)', '50')
    .option('--before <id>', 'page: only decisions older than this id')
    .option('--tenant <name>', 'only this tenant')
    .option('--home <dir>', 'data folder (env BULWARK_HOME)')
    .option('--config <file>', 'config YAML (env BULWARK_CONFIG)')
    .option('--json', 'print JSON')
    .action(async (flags: ReviewFlags) => {
      const limit = parsePositiveInt(flags.limit ?? '50', '--limit');
      const { store } = await openStoreFor(loadOptionsFrom(flags));
      try {
        const rows = await store.decisions.list({
          limit,
          decision: 'flag',
          ...(flags.before ? { before: flags.before } : {}),
          ...(flags.tenant ? { tenant: flags.tenant } : {}),
        });
        emit(flags.json === true, rows, () => (rows.length === 0 ? 'nothing to review' : rows.map(describe).join('\n')));
      } finally {
        await store.close();
      }
    });
}

function describe(r: DecisionRecord): string {
  const why: string[] = [];
  if (r.details?.exempted) why.push(`exempted (${r.details.exemptionId ?? '?'})`);
  const risk = r.details?.risk;
  if (risk && risk.decision !== 'allow') why.push(`risk conversation ${risk.conversationScore} account ${risk.accountScore} (${risk.account})`);
  if (why.length === 0) why.push('policy flag');
  return `${new Date(r.createdAt).toISOString()}  ${r.id}  ${r.source}  ${r.tenant ?? '-'}  ${r.categories.join(',') || '-'}  ${why.join('; ')}`;
}
