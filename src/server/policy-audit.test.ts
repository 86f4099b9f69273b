import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAuditLog, parseLeaf, type AuditEvent } from '../audit/index.js';
import { loadConfig } from '../config/load.js';
import type { Policy } from '../config/policy-schema.js';
import { openStore } from '../store/index.js';
import { policyFingerprint, recordPolicyInForce } from './policy-audit.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-policy-audit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const shipped = (): Policy => structuredClone<Policy>(loadConfig({ cwd: root }).policy);

describe('recordPolicyInForce', () => {
  it('records the first policy, skips an unchanged one, and records an edit with what it replaced', async () => {
    const store = await openStore({ driver: 'sqlite', sqlite: { path: join(root, 'a', 'bulwark.db') } });
    try {
      const audit = createAuditLog(store, { keyFile: join(root, 'a', 'log.pem') });
      const policy = shipped();
      expect(await recordPolicyInForce(audit, policy, { file: 'policy/default.yaml' }, 1)).toBe(true);
      expect(await recordPolicyInForce(audit, shipped(), { file: 'policy/default.yaml' }, 2)).toBe(false);

      // Same name and version, one threshold moved: the content hash tells them apart.
      const edited = shipped();
      edited.categories.harmful['cbrn.bio']!.threshold = 0.9;
      expect(await recordPolicyInForce(audit, edited, { file: '/etc/bulwark/policy.yaml' }, 3)).toBe(true);

      const events: AuditEvent[] = [];
      for await (const entry of audit.entries()) events.push(parseLeaf(entry.data)!);
      const first = policyFingerprint(policy);
      const second = policyFingerprint(edited);
      expect(second.policy).toBe(first.policy);
      expect(second.sha256).not.toBe(first.sha256);
      expect(events).toEqual([
        { index: 0, type: 'policy.change', actor: null, subject: policy.name, time: 1, details: { ...first, mode: 'enforce', file: 'policy/default.yaml', previous: null } },
        { index: 1, type: 'policy.change', actor: null, subject: policy.name, time: 3, details: { ...second, mode: 'enforce', file: '/etc/bulwark/policy.yaml', previous: first } },
      ]);
    } finally {
      await store.close();
    }
  });

  it('fails when the change cannot be recorded', async () => {
    const failing = { latest: async () => null, append: () => Promise.reject(new Error('disk full')) };
    await expect(recordPolicyInForce(failing, shipped(), { file: 'p.yaml' })).rejects.toThrow('disk full');
  });
});
