import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog, DEFAULT_AUDIT_LOG_KEY_FILE, parseLeaf, readLogPublicKey, type AuditEvent } from '../src/audit/index.js';
import { createLogger } from '../src/server/logger.js';
import { openStoreFor, startServer, type RunningServer } from '../src/server/start.js';
import { BENIGN_BIOLOGY, CBRN_REQUEST } from './kit/harness.js';

// The real server: the policy it starts with and every block from the guard land on the tamper-evident
// audit log (DESIGN invariant 5); a block is linked to its decision record, without the blocked text.
let server: RunningServer;
let client: OpenAI;
let home: string;

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'bulwark-block-audit-'));
  server = await startServer({ cwd: home, home, overrides: { server: { port: 0 }, auth: { required: true } } }, createLogger('silent'));
  const { store } = await openStoreFor({ cwd: home, home });
  const { key } = await store.apiKeys.create({ tenant: 'audit-test' });
  await store.close();
  client = new OpenAI({ apiKey: key, baseURL: `${server.url}/v1`, maxRetries: 0 });
});
afterAll(async () => server.close());

async function auditTrail(): Promise<{ events: AuditEvent[]; raw: string; ok: boolean }> {
  const { store } = await openStoreFor({ cwd: home, home });
  try {
    const keyFile = path.join(home, DEFAULT_AUDIT_LOG_KEY_FILE);
    const audit = createAuditLog(store, { keyFile });
    const events: AuditEvent[] = [];
    let raw = '';
    for await (const entry of audit.entries()) {
      raw += entry.data;
      events.push(parseLeaf(entry.data)!);
    }
    await audit.checkpoint();
    const verification = await audit.verify(readLogPublicKey(keyFile));
    return { events, raw, ok: verification.ok };
  } finally {
    await store.close();
  }
}

describe('the server on the audit log', () => {
  it('records the guard policy it started with', async () => {
    const changes = (await auditTrail()).events.filter((e) => e.type === 'policy.change');
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ actor: null, subject: server.guard.policy.name, details: { policy: server.guard.policyId, mode: 'enforce', previous: null } });
  });

  it('appends one guard.block per blocked text, naming the decision, and nothing for allowed text', async () => {
    const before = (await auditTrail()).events.filter((e) => e.type === 'guard.block').length;
    const result = await client.moderations.create({ input: [BENIGN_BIOLOGY, CBRN_REQUEST] });
    expect(result.results.map((r) => r.flagged)).toEqual([false, true]);

    const trail = await auditTrail();
    const blocks = trail.events.filter((e) => e.type === 'guard.block');
    expect(blocks.length).toBe(before + 1);
    const block = blocks.at(-1)!;
    const { store } = await openStoreFor({ cwd: home, home });
    const decision = await store.decisions.get(block.subject!);
    await store.close();
    expect(decision).toMatchObject({ decision: 'block', tenant: 'audit-test', source: 'moderations' });
    expect(block).toMatchObject({
      actor: 'audit-test',
      time: decision!.createdAt,
      details: { source: 'moderations', categories: decision!.categories, model: server.guard.modelId, policy: server.guard.policyId, inputHash: decision!.inputHash, stage: 'classifier' },
    });
    expect(decision!.categories).toContain('cbrn.bio');
    // The blocked text itself never enters the audit log (exports go to auditors).
    expect(trail.raw).not.toContain('anthrax');
    expect(trail.ok).toBe(true);
  });
});
