import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CBRN_REQUEST } from './kit/harness.js';

// Runs the built CLI the way a user does (`npx bulwark …` resolves to bin/bulwark.js).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'bulwark.js');
const home = mkdtempSync(path.join(tmpdir(), 'bulwark-cli-'));
const env = { ...process.env, BULWARK_HOME: home };

function bulwark(...args: string[]) {
  const res = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 60_000 });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

beforeAll(() => {
  // dist/ is compiled once by the global setup (test/kit/build-once.ts).
  expect(existsSync(path.join(root, 'dist', 'cli', 'main.js'))).toBe(true);
});

describe('bulwark CLI', () => {
  it('creates a key once, lists it hashed, and revokes it', () => {
    const created = bulwark('keys', 'create', '--tenant', 'lab-a', '--json');
    expect(created.code).toBe(0);
    const key = JSON.parse(created.stdout) as { id: string; key: string; tenant: string };
    expect(key.tenant).toBe('lab-a');
    expect(key.key).toMatch(/^bwk_/);
    const listed = JSON.parse(bulwark('keys', 'list', '--json').stdout) as { id: string; prefix: string }[];
    expect(listed.find((k) => k.id === key.id)?.prefix.length).toBeLessThan(key.key.length);
    expect(JSON.stringify(listed)).not.toContain(key.key);
    expect(bulwark('keys', 'revoke', key.id).code).toBe(0);
    expect(bulwark('keys', 'revoke', key.id).code).not.toBe(0);
  });

  it('records exemption grants and revocations in the audit log, which still verifies', () => {
    const granted = bulwark('exemptions', 'grant', '--tenant', 'lab-a', '--categories', 'cbrn.bio', '--expires', '30d', '--reason', 'vetted vaccine lab', '--granted-by', 'alice', '--json');
    expect(granted.code, granted.stderr).toBe(0);
    const { id } = JSON.parse(granted.stdout) as { id: string };
    expect(bulwark('exemptions', 'revoke', id, '--revoked-by', 'bob').code).toBe(0);
    const out = path.join(home, 'audit.jsonl');
    expect(bulwark('audit', 'export', '--out', out).code).toBe(0);
    const events = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; data?: string })
      .filter((row) => row.kind === 'entry')
      .map((row) => row.data ?? '');
    expect(events.some((e) => e.includes('"exemption.grant"') && e.includes(id) && e.includes('alice'))).toBe(true);
    expect(events.some((e) => e.includes('"exemption.revoke"') && e.includes(id) && e.includes('bob'))).toBe(true);
    expect(bulwark('audit', 'verify').code).toBe(0);
  });

  it('evaluates a labelled file and prints the documented JSON shape', () => {
    const data = path.join(home, 'rows.jsonl');
    writeFileSync(data, [JSON.stringify({ text: CBRN_REQUEST, expected: 'flag' }), JSON.stringify({ text: 'What is photosynthesis?', expected: 'pass' })].join('\n'));
    const res = bulwark('eval', '--data', data, '--json');
    expect(res.code, res.stderr).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report).toMatchObject({ sets: [{ file: 'rows.jsonl', n: 2, recall: 1, fpr: 0, flagged: 1 }], total: { n: 2, recall: 1, fpr: 0, auroc: 1 } });
    expect(Object.keys(report.latency_ms)).toEqual(['p50', 'p99']);
  });

  it.each([
    [['eval', '--data', '/nonexistent.jsonl'], 'EVAL_DATA_INVALID'],
    [['eval', '--data', '/dev/null', '--transform', 'pig-latin'], 'EVAL_UNKNOWN_TRANSFORM'],
    [['serve', '--port', 'eighty'], 'CLI_USAGE'],
    [['policy', 'check', '/nonexistent.yaml'], 'POLICY_UNREADABLE'],
    [['decisions', 'list', '--decision', 'maybe'], 'CLI_USAGE'],
  ])('fails %j with a one-line reason and a non-zero exit', (args, code) => {
    const res = bulwark(...args);
    expect(res.code).not.toBe(0);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain(code);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it('checks a valid policy and says what stream hold-back its output rules need', () => {
    const res = bulwark('policy', 'check', path.join(root, 'policy/default.yaml'), '--json');
    expect(res.code).toBe(0);
    // The shipped policy's one rule is the 12-character canary, which applies to output too: 5 × 12.
    expect(JSON.parse(res.stdout)).toMatchObject({ ok: true, name: 'bulwark-default', rules: 1, outputRulesHoldbackChars: 144 });
  });

  it('lists every policy problem with its path', () => {
    const bad = path.join(home, 'bad-policy.yaml');
    writeFileSync(bad, 'name: x\nversion: "1"\nmode: loose\ncategories:\n  harmful: {}\n');
    const res = bulwark('policy', 'check', bad);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('POLICY_INVALID');
    expect(res.stderr).toContain(`${bad}: mode`);
  });

  it('serves on the given port, prints the URL, answers /healthz, and lists decisions', async () => {
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      const classify = await fetch(`${url}/v1/classify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input: 'XYZZY-CANARY' }) });
      expect(classify.headers.get('x-bulwark-request-id')).toMatch(/^req_/);
      const decisions = JSON.parse(bulwark('decisions', 'list', '--json', '--limit', '5').stdout) as { decision: string; matchedRules: string[] }[];
      expect(decisions[0]).toMatchObject({ decision: 'block', matchedRules: ['canary-1'] });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
