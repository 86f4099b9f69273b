import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithService, probeService } from '../src/store/testing/service-gate.js';
import { CliDeployment, PROJECT_ROOT, type CliResult } from './kit/cli-deployment.js';

/*
 * Issue 4 acceptance, driven through the built CLI against a spawned `bulwark serve`. The issue asks
 * for a 256 MiB artifact; CI uses 64 MiB to stay fast. BULWARK_TEST_VAULT_MIB=256 runs the full size.
 */
const ARTIFACT_MIB = Number(process.env.BULWARK_TEST_VAULT_MIB ?? 64);

function expectFailure(res: CliResult, code: string): void {
  expect(res.code, res.stdout).not.toBe(0);
  expect(res.stderr).toContain(code);
  // Progress lines (stderr, non-TTY) are not part of the error; the reason itself is one line.
  const lines = res.stderr.trim().split('\n').filter((line) => !/^(upload|download): \d+%/.test(line));
  expect(lines).toHaveLength(1);
}

/** Identities, init with 2 admins, the CLI allowlisted by both, unseal with M of N, and users approved by the second admin. */
function bootstrap(d: CliDeployment): void {
  for (const who of ['admin', 'admin2', 'approver', 'approver2', 'requester']) expect(d.run('identity', 'new', '--name', who, '--out', d.file(who)).code).toBe(0);
  const init = d.run('vault', 'init', '--shares', '5', '--threshold', '3', '--admin-key', d.file('admin.pub'), '--admin-key', d.file('admin2.pub'), '--json');
  expect(init.code, init.stderr).toBe(0);
  const { shares, threshold } = JSON.parse(init.stdout) as { shares: string[]; threshold: number };
  d.allowlistCli();
  expect(shares).toHaveLength(5);
  expect(threshold).toBe(3);
  expect(d.run('vault', 'put', d.file('admin.pub'), '--name', 'early', '--identity', d.file('admin')).stderr).toContain('VAULT_SEALED');
  for (const share of [shares[4]!, shares[0]!]) expect(d.run('vault', 'unseal', '--share', share).code).toBe(0);
  expectFailure(d.run('vault', 'unseal', '--share', shares[0]!), 'VAULT_DUPLICATE_SHARE');
  const status = d.run('vault', 'unseal', '--share', shares[2]!, '--json');
  expect(JSON.parse(status.stdout)).toMatchObject({ sealed: false });
  for (const [who, role] of [['approver', 'approver'], ['approver2', 'approver'], ['requester', 'requester']] as const) {
    const change = d.json<{ id: string; status: string }>('admin', 'users', 'add', '--name', who, '--public-key', d.file(`${who}.pub`), '--role', role);
    expect(change.status).toBe('pending');
    expectFailure(d.as('admin', 'access', 'approve', change.id), 'ACCESS_SELF_APPROVAL');
    expect(d.json<{ status: string }>('admin2', 'access', 'approve', change.id).status).toBe('approved');
  }
}

function putRandomFile(d: CliDeployment, name: string, mib: number): string {
  const file = d.file(`${name}.bin`);
  const fd = openSync(file, 'w');
  for (let i = 0; i < mib; i += 1) writeSync(fd, randomBytes(1024 * 1024));
  closeSync(fd);
  const put = d.as('admin', 'vault', 'put', file, '--name', name);
  expect(put.code, put.stderr).toBe(0);
  return file;
}

function request(d: CliDeployment, ...extra: string[]): string {
  return d.json<{ id: string }>('requester', 'access', 'request', '--artifact', 'weights', '--reason', 'eval run', ...extra).id;
}

/** The core flow both dialects run: no grant, self-approval, a real approval, a byte-identical file. */
function coreFlow(d: CliDeployment): string {
  bootstrap(d);
  const original = putRandomFile(d, 'weights', ARTIFACT_MIB);
  const out = d.file('out.bin');
  const id = request(d, '--ttl', '1h');
  expectFailure(d.as('requester', 'vault', 'get', 'weights', '--grant', id, '--out', out), 'ACCESS_GRANT_NOT_APPROVED');
  expectFailure(d.as('requester', 'access', 'approve', id), 'ACCESS_SELF_APPROVAL');
  expect(d.json<{ status: string }>('approver', 'access', 'approve', id).status).toBe('approved');
  expectFailure(d.as('approver', 'vault', 'get', 'weights', '--grant', id, '--out', out), 'ACCESS_NOT_AUTHORIZED');
  expect(existsSync(out)).toBe(false);
  const got = d.as('requester', 'vault', 'get', 'weights', '--grant', id, '--out', out);
  expect(got.code, got.stderr).toBe(0);
  expect(readFileSync(out).equals(readFileSync(original))).toBe(true);
  return id;
}

describe('vault end to end (SQLite)', () => {
  const d = new CliDeployment({ prefix: 'bulwark-vault-e2e-' });
  beforeAll(async () => {
    expect(existsSync(path.join(PROJECT_ROOT, 'dist', 'cli', 'main.js'))).toBe(true);
    await d.start();
  }, 180_000);
  afterAll(() => d.stop());

  it('runs the two-party flow, expiry, single use, denial, break-glass, tampering, and the audit log verifies', async () => {
    coreFlow(d);
    const out = d.file('out2.bin');

    const shortLived = request(d, '--ttl', '1s');
    d.json('approver', 'access', 'approve', shortLived);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expectFailure(d.as('requester', 'vault', 'get', 'weights', '--grant', shortLived, '--out', out), 'ACCESS_GRANT_EXPIRED');

    const once = request(d, '--ttl', '1h', '--max-uses', '1');
    d.json('approver', 'access', 'approve', once);
    expect(d.as('requester', 'vault', 'get', 'weights', '--grant', once, '--out', out).code).toBe(0);
    expectFailure(d.as('requester', 'vault', 'get', 'weights', '--grant', once, '--out', d.file('again.bin')), 'ACCESS_GRANT_EXHAUSTED');
    expect(existsSync(d.file('again.bin'))).toBe(false);

    const denied = request(d, '--ttl', '1h');
    expect(d.json<{ status: string }>('approver', 'access', 'deny', denied, '--reason', 'no').status).toBe('denied');
    expectFailure(d.as('approver2', 'access', 'approve', denied), 'ACCESS_REQUEST_NOT_PENDING');

    const glass = d.json<{ id: string; status: string }>('admin', 'access', 'break-glass', '--artifact', 'weights', '--reason', 'incident 42');
    expect(glass.status).toBe('approved');
    expect(d.as('admin', 'vault', 'get', 'weights', '--grant', glass.id, '--out', d.file('glass.bin')).code).toBe(0);
    const reviews = d.json<{ requestId: string; closedAt: number | null }[]>('admin', 'access', 'review');
    expect(reviews.find((r) => r.requestId === glass.id)).toMatchObject({ closedAt: null });

    const objects = path.join(d.home, 'vault', 'objects');
    const object = path.join(objects, readdirSync(objects).find((name) => name.endsWith('.bwv'))!);
    const fd = openSync(object, 'r+');
    const byte = Buffer.alloc(1);
    const offset = 3 * 1024 * 1024 + 17;
    readSync(fd, byte, 0, 1, offset);
    writeSync(fd, Buffer.from([byte[0]! ^ 0x01]), 0, 1, offset);
    closeSync(fd);
    const tampered = request(d, '--ttl', '1h');
    d.json('approver', 'access', 'approve', tampered);
    const bad = d.file('tampered.bin');
    expectFailure(d.as('requester', 'vault', 'get', 'weights', '--grant', tampered, '--out', bad), 'VAULT_INTEGRITY');
    expect(existsSync(bad)).toBe(false);
    expect(readdirSync(d.home).filter((name) => name.includes('.tmp-'))).toEqual([]);

    const verify = d.run('audit', 'verify');
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain('audit log OK');
  }, 600_000);
});

/** Like psql, a URL without a user name means the OS user. */
function withDefaultUser(raw: string): string {
  const parsed = new URL(raw);
  if (parsed.username === '') parsed.username = userInfo().username;
  return parsed.toString();
}

const pgUrl = withDefaultUser(process.env.BULWARK_TEST_POSTGRES_URL ?? 'postgres://127.0.0.1:5432/test');
const pgSchema = `bwk_vault_e2e_${randomBytes(5).toString('hex')}`;
const probe = await probeService(async () => {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3_000 });
  await client.connect();
  await client.end();
});

describeWithService(`vault end to end (PostgreSQL ${pgUrl})`, 'PostgreSQL', probe, process.env.CI === 'true', () => {
  const config = path.join(mkdtempSync(path.join(tmpdir(), 'bulwark-vault-pg-')), 'bulwark.yaml');
  writeFileSync(config, `storage:\n  driver: postgres\n  postgres:\n    url: ${JSON.stringify(pgUrl)}\n    schema: ${pgSchema}\n`);
  const d = new CliDeployment({ prefix: 'bulwark-vault-e2e-', env: { BULWARK_CONFIG: config } });
  beforeAll(async () => {
    await d.start();
  }, 180_000);
  afterAll(async () => {
    await d.stop();
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
    await client.end();
  });

  it('runs the core two-party flow and the audit log verifies', () => {
    coreFlow(d);
    const verify = d.run('audit', 'verify');
    expect(verify.code, verify.stderr).toBe(0);
  }, 600_000);
});
