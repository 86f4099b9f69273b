import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithService } from '../src/store/testing/service-gate.js';
import { CliDeployment, PROJECT_ROOT } from './kit/cli-deployment.js';
import { bootstrap, expectFailure, postgresDeployment, putRandomFile } from './kit/vault-flow.js';

/*
 * Issue 4 acceptance, driven through the built CLI against a spawned `bulwark serve`. The issue asks
 * for a 256 MiB artifact, and that is what CI runs; BULWARK_TEST_VAULT_MIB=N runs another size.
 */
const ARTIFACT_MIB = Number(process.env.BULWARK_TEST_VAULT_MIB ?? 256);

async function request(d: CliDeployment, ...extra: string[]): Promise<string> {
  return (await d.json<{ id: string }>('requester', 'access', 'request', '--artifact', 'weights', '--reason', 'eval run', ...extra)).id;
}

/** The core flow both dialects run: no grant, self-approval, a real approval, a byte-identical file. */
async function coreFlow(d: CliDeployment): Promise<string> {
  await bootstrap(d);
  const original = await putRandomFile(d, 'weights', ARTIFACT_MIB);
  const out = d.file('out.bin');
  const id = await request(d, '--ttl', '1h');
  expectFailure(await d.as('requester', 'vault', 'get', 'weights', '--grant', id, '--out', out), 'ACCESS_GRANT_NOT_APPROVED');
  expectFailure(await d.as('requester', 'access', 'approve', id), 'ACCESS_SELF_APPROVAL');
  expect((await d.json<{ status: string }>('approver', 'access', 'approve', id)).status).toBe('approved');
  expectFailure(await d.as('approver', 'vault', 'get', 'weights', '--grant', id, '--out', out), 'ACCESS_NOT_AUTHORIZED');
  expect(existsSync(out)).toBe(false);
  const got = await d.as('requester', 'vault', 'get', 'weights', '--grant', id, '--out', out);
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

  it('runs the two-party flow, expiry, single use, denial, break-glass, and the audit log verifies', async () => {
    await coreFlow(d);
    const out = d.file('out2.bin');

    const shortLived = await request(d, '--ttl', '1s');
    await d.json('approver', 'access', 'approve', shortLived);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expectFailure(await d.as('requester', 'vault', 'get', 'weights', '--grant', shortLived, '--out', out), 'ACCESS_GRANT_EXPIRED');

    const once = await request(d, '--ttl', '1h', '--max-uses', '1');
    await d.json('approver', 'access', 'approve', once);
    expect((await d.as('requester', 'vault', 'get', 'weights', '--grant', once, '--out', out)).code).toBe(0);
    expectFailure(await d.as('requester', 'vault', 'get', 'weights', '--grant', once, '--out', d.file('again.bin')), 'ACCESS_GRANT_EXHAUSTED');
    expect(existsSync(d.file('again.bin'))).toBe(false);

    const denied = await request(d, '--ttl', '1h');
    expect((await d.json<{ status: string }>('approver', 'access', 'deny', denied, '--reason', 'no')).status).toBe('denied');
    expectFailure(await d.as('approver2', 'access', 'approve', denied), 'ACCESS_REQUEST_NOT_PENDING');

    const glass = await d.json<{ id: string; status: string }>('admin', 'access', 'break-glass', '--artifact', 'weights', '--reason', 'incident 42');
    expect(glass.status).toBe('approved');
    expect((await d.as('admin', 'vault', 'get', 'weights', '--grant', glass.id, '--out', d.file('glass.bin'))).code).toBe(0);
    const reviews = await d.json<{ requestId: string; closedAt: number | null }[]>('admin', 'access', 'review');
    expect(reviews.find((r) => r.requestId === glass.id)).toMatchObject({ closedAt: null });

    const verify = await d.run('audit', 'verify');
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain('audit log OK');
  }, 600_000);
});

const pg = await postgresDeployment('vault_e2e', 'bulwark-vault-e2e-pg-');
describeWithService('vault end to end (PostgreSQL)', 'PostgreSQL', pg.probe, process.env.CI === 'true', () => {
  const d = pg.deployment;
  beforeAll(async () => {
    await d.start();
  }, 180_000);
  afterAll(async () => {
    await d.stop();
    await pg.dropSchema();
  });

  it('runs the core two-party flow and the audit log verifies', async () => {
    await coreFlow(d);
    const verify = await d.run('audit', 'verify');
    expect(verify.code, verify.stderr).toBe(0);
  }, 600_000);
});
