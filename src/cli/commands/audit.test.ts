import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog, DEFAULT_AUDIT_LOG_KEY_FILE, verifyInclusion, type InclusionProof } from '../../audit/index.js';
import { DEFAULT_SQLITE_FILE } from '../../config/defaults.js';
import { openStore } from '../../store/index.js';

// Runs the built CLI (dist/ is compiled once by test/kit/build-once.ts), as a user's shell would run
// `bulwark audit …`, against a data folder whose log was written through the AuditLog API. Not through
// tsx: transpiling on every call made this file brush its timeout on a busy machine.
const bin = fileURLToPath(new URL('../../../bin/bulwark.js', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'bulwark-audit-cli-'));
const dbPath = join(home, DEFAULT_SQLITE_FILE);

function bulwark(...args: string[]) {
  const res = spawnSync(process.execPath, [bin, ...args, '--home', home], { encoding: 'utf8', timeout: 60_000 });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

async function withStore<T>(use: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  const store = await openStore({ driver: 'sqlite', sqlite: { path: dbPath } });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  await withStore(async (store) => {
    const log = createAuditLog(store, { keyFile: join(home, DEFAULT_AUDIT_LOG_KEY_FILE), checkpointEveryEntries: 4 });
    for (let i = 0; i < 10; i += 1) {
      await log.append({ type: 'access.request', actor: 'requester', subject: `artifact-${i}`, time: 1_700_000_000_000 + i, details: { ttl: 3600 } });
    }
  });
}, 60_000);

describe('bulwark audit', () => {
  it('verifies, saves a checkpoint, proves an entry and exports for offline verification', () => {
    const verified = bulwark('audit', 'verify', '--json');
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, size: 10 });

    const saved = join(home, 'saved.json');
    expect(bulwark('audit', 'checkpoint', '--out', saved).code).toBe(0);
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toMatchObject({ format: 'bulwark-audit-checkpoint/v1', checkpoint: { size: 10 } });

    const proved = bulwark('audit', 'prove', '3', '--json');
    expect(proved.code, proved.stderr).toBe(0);
    const proof = JSON.parse(proved.stdout) as InclusionProof;
    const hex = (h: string) => Buffer.from(h, 'hex');
    expect(() => verifyInclusion(3, proof.checkpoint.size, hex(proof.leafHash), proof.proof.map(hex), hex(proof.checkpoint.root))).not.toThrow();

    const exported = join(home, 'log.jsonl');
    expect(bulwark('audit', 'export', '--out', exported).code).toBe(0);
    const offline = bulwark('audit', 'verify', '--input', exported, '--checkpoint', saved, '--json');
    expect(offline.code, offline.stderr).toBe(0);
    expect(JSON.parse(offline.stdout)).toMatchObject({ ok: true, size: 10, signedSize: 10 });

    const lines = readFileSync(exported, 'utf8').trimEnd().split('\n');
    const edited = lines.map((l) => (l.includes('artifact-6') ? l.replace('artifact-6', 'artifact-X') : l));
    writeFileSync(exported, `${edited.join('\n')}\n`);
    const broken = bulwark('audit', 'verify', '--input', exported, '--checkpoint', saved);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^bulwark: AUDIT_CHAIN_BROKEN: first bad entry 6 \(edited\)/);
  });

  it('names the first bad entry when a row is deleted from the database', async () => {
    await withStore((store) => store.db.deleteFrom('audit_entries').where('idx', '=', 2).execute());
    const res = bulwark('audit', 'verify');
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('first bad entry 2 (missing)');
  });

  it.each([
    [['audit', 'prove', 'three'], 'CLI_USAGE'],
    [['audit', 'prove', '999'], 'AUDIT_ENTRY_NOT_FOUND'],
    [['audit', 'verify', '--checkpoint', '/nonexistent.json'], 'CLI_USAGE'],
    [['audit', 'verify', '--input', '/nonexistent.jsonl', '--public-key', '/nonexistent.pem'], 'CLI_USAGE'],
  ])('fails %j with a one-line reason', (args, code) => {
    const res = bulwark(...args);
    expect(res.code).not.toBe(0);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain(code);
  });
});
