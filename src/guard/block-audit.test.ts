import { describe, expect, it, vi } from 'vitest';
import type { AuditEvent } from '../audit/index.js';
import { BulwarkError } from '../core/errors.js';
import type { DecisionRecord, DecisionRepository } from '../store/index.js';
import { auditingBlocks, guardBlockEvent } from './block-audit.js';

const record = (decision: DecisionRecord['decision'], extra: Partial<DecisionRecord> = {}): DecisionRecord => ({
  id: `dec_${decision}`,
  createdAt: 1_700_000_000_000,
  tenant: 't1',
  source: 'gateway.input',
  inputHash: 'a'.repeat(64),
  input: 'the blocked text',
  decision,
  flagged: decision !== 'allow',
  categories: decision === 'allow' ? [] : ['cbrn.bio'],
  scores: { 'cbrn.bio': 0.9 },
  matchedRules: [],
  modelVersion: 'm@1',
  policyVersion: 'p@1',
  mode: 'enforce',
  latencyMs: 1,
  ...extra,
});

function memoryDecisions(fail = false): DecisionRepository & { rows: DecisionRecord[] } {
  const rows: DecisionRecord[] = [];
  return {
    rows,
    insert: async (r) => {
      if (fail) throw new BulwarkError('STORE_UNAVAILABLE', 'down');
      rows.push(r);
    },
    list: async () => [...rows],
    get: async (id) => rows.find((r) => r.id === id) ?? null,
    count: async () => rows.length,
  };
}

describe('auditingBlocks', () => {
  it('appends an enforced block after storing it, and leaves allow, flag and shadow decisions alone', async () => {
    const events: AuditEvent[] = [];
    const inner = memoryDecisions();
    const decisions = auditingBlocks(inner, { append: async (e) => (events.push(e), { index: events.length - 1, leafHash: '' }) }, () => undefined);
    await decisions.insert(record('allow'));
    await decisions.insert(record('flag'));
    await decisions.insert(record('allow', { id: 'dec_shadow', mode: 'shadow', flagged: true }));
    await decisions.insert(record('block', { details: { stage: 'judge', risk: { conversation: 'c', account: 'a', added: 1, conversationScore: 3, accountScore: 3, decision: 'block' } } }));
    expect(inner.rows.map((r) => r.id)).toEqual(['dec_allow', 'dec_flag', 'dec_shadow', 'dec_block']);
    expect(events).toEqual([
      {
        type: 'guard.block',
        actor: 't1',
        subject: 'dec_block',
        time: 1_700_000_000_000,
        details: { source: 'gateway.input', categories: ['cbrn.bio'], matchedRules: [], scores: { 'cbrn.bio': 0.9 }, model: 'm@1', policy: 'p@1', inputHash: 'a'.repeat(64), stage: 'judge', risk: 'block' },
      },
    ]);
    expect(JSON.stringify(events)).not.toContain('the blocked text');
    expect(await decisions.count()).toBe(4);
    expect(await decisions.get('dec_block')).toMatchObject({ decision: 'block' });
  });

  it('keeps the refusal when the audit append fails, and reports the failure', async () => {
    const failures: string[] = [];
    const decisions = auditingBlocks(memoryDecisions(), { append: () => Promise.reject(new BulwarkError('AUDIT_APPEND_FAILED', 'disk full')) }, (error, r) =>
      failures.push(`${(error as BulwarkError).code} ${r.id}`),
    );
    await expect(decisions.insert(record('block'))).resolves.toBeUndefined();
    expect(failures).toEqual(['AUDIT_APPEND_FAILED dec_block']);
  });

  it('appends nothing when the decision itself could not be stored', async () => {
    const append = vi.fn();
    const decisions = auditingBlocks(memoryDecisions(true), { append }, () => undefined);
    await expect(decisions.insert(record('block'))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(append).not.toHaveBeenCalled();
  });

  it('describes a block without its text', () => {
    expect(guardBlockEvent(record('block')).details).not.toHaveProperty('input');
  });
});
