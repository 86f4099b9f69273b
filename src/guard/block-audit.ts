import type { AuditEvent, AuditLog } from '../audit/index.js';
import type { DecisionRecord, DecisionRepository } from '../store/index.js';

/**
 * The audit event for an enforced block: where it happened, which categories and rules, the model and
 * policy that decided, and the decision record's id. Never the text: the decision log holds its hash
 * (and the text only when the policy keeps inputs), and `subject` links the two.
 */
export function guardBlockEvent(record: DecisionRecord): AuditEvent {
  const details = record.details;
  return {
    type: 'guard.block',
    actor: record.tenant,
    subject: record.id,
    time: record.createdAt,
    details: {
      source: record.source,
      categories: [...record.categories],
      matchedRules: [...record.matchedRules],
      scores: { ...record.scores },
      model: record.modelVersion,
      policy: record.policyVersion,
      inputHash: record.inputHash,
      stage: details?.stage ?? 'classifier',
      ...(details?.risk ? { risk: details.risk.decision } : {}),
    },
  };
}

/**
 * The decision log with every enforced block also appended to the audit log (DESIGN invariant 5), after
 * the decision itself is stored. The append is awaited, so a block is on the audit log before the
 * refusal reaches the client. A failed append cannot loosen anything (the request is refused either
 * way), so it goes to `onAuditFailure` and the refusal stands. Shadow-mode blocks are enforced as
 * `allow` and are not audited; they stay in the decision log with the policy's verdict.
 */
export function auditingBlocks(
  decisions: DecisionRepository,
  audit: Pick<AuditLog, 'append'>,
  onAuditFailure: (error: unknown, record: DecisionRecord) => void,
): DecisionRepository {
  return {
    insert: async (record) => {
      await decisions.insert(record);
      if (record.decision !== 'block') return;
      try {
        await audit.append(guardBlockEvent(record));
      } catch (error) {
        onAuditFailure(error, record);
      }
    },
    list: (query) => decisions.list(query),
    get: (id) => decisions.get(id),
    count: () => decisions.count(),
  };
}
