import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliDeployment } from './kit/cli-deployment.js';
import { approvedGrant, bootstrap, expectFailure, putRandomFile, retire, unseal } from './kit/vault-flow.js';

/*
 * `bulwark vault rekey`: an admin starts it, M custodians submit current shares, the last one gets
 * the new shares. The master key is the same, so stored artifacts decrypt unchanged under the new
 * shares, and old and new shares do not mix.
 */
describe('vault rekey through the CLI', () => {
  const d = new CliDeployment({ prefix: 'bulwark-vault-rekey-' });
  beforeAll(() => d.start(), 180_000);
  afterAll(() => retire(d));

  // Steps of one scenario, split so no synchronous stretch of CLI calls starves vitest's worker RPC.
  let old: string[] = [];
  let original = '';
  let fresh: { shares: string[]; threshold: number } = { shares: [], threshold: 0 };

  it('bootstraps with 3-of-5 shares and stores an artifact', async () => {
    old = await bootstrap(d);
    original = await putRandomFile(d, 'weights', 3);
  }, 300_000);

  it('rekeys to 2-of-3 with three current shares; only an admin starts it', async () => {
    expectFailure(await d.as('requester', 'vault', 'rekey', 'start', '--shares', '3', '--threshold', '2'), 'ACCESS_NOT_AUTHORIZED');
    const { nonce } = await d.json<{ nonce: string; required: number }>('admin', 'vault', 'rekey', 'start', '--shares', '3', '--threshold', '2');
    expectFailure(await d.as('admin', 'vault', 'rekey', 'start'), 'VAULT_REKEY_IN_PROGRESS');
    expectFailure(await d.run('vault', 'rekey', 'share', '--nonce', 'not-this-one', '--share', old[0]!), 'VAULT_REKEY_NOT_STARTED');
    const first = await d.run('vault', 'rekey', 'share', '--nonce', nonce, '--share', old[0]!, '--json');
    expect(JSON.parse(first.stdout)).toMatchObject({ complete: false, progress: 1, required: 3 });
    expectFailure(await d.run('vault', 'rekey', 'share', '--nonce', nonce, '--share', old[0]!), 'VAULT_DUPLICATE_SHARE');
    expect((await d.run('vault', 'rekey', 'share', '--nonce', nonce, '--share', old[3]!)).code).toBe(0);
    const last = await d.run('vault', 'rekey', 'share', '--nonce', nonce, '--share', old[4]!, '--json');
    expect(last.code, last.stderr).toBe(0);
    fresh = JSON.parse(last.stdout) as { shares: string[]; threshold: number };
    expect(fresh.threshold).toBe(2);
    expect(fresh.shares).toHaveLength(3);
    expect((await d.json<{ started: boolean }>('admin', 'vault', 'rekey', 'status')).started).toBe(false);
    expect(await d.json('admin', 'vault', 'status')).toMatchObject({ shares: 3, threshold: 2, sealed: false });
  }, 300_000);

  it('unseals with the new shares (never mixed with old ones) and the artifact decrypts unchanged', async () => {
    expect((await d.as('admin', 'vault', 'seal')).code).toBe(0);
    expect((await d.run('vault', 'unseal', '--share', old[1]!)).code).toBe(0);
    expectFailure(await d.run('vault', 'unseal', '--share', fresh.shares[0]!), 'VAULT_UNSEAL_FAILED');
    await unseal(d, [fresh.shares[2]!, fresh.shares[0]!], 2);
    const grant = await approvedGrant(d, 'weights');
    const out = d.file('out.bin');
    const got = await d.as('requester', 'vault', 'get', 'weights', '--grant', grant, '--out', out);
    expect(got.code, got.stderr).toBe(0);
    expect(readFileSync(out).equals(readFileSync(original))).toBe(true);
  }, 300_000);

  it('audits every rekey step, never a share, and the log verifies', async () => {
    const exported = d.file('audit.jsonl');
    expect((await d.run('audit', 'export', '--out', exported)).code).toBe(0);
    const log = readFileSync(exported, 'utf8');
    const phases = log
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; data?: string })
      .filter((line) => line.kind === 'entry')
      .map((line) => JSON.parse(line.data!) as { type: string; details: { phase?: string } })
      .filter((entry) => entry.type === 'vault.rekey')
      .map((entry) => entry.details.phase);
    expect(phases).toEqual(['start', 'share', 'share', 'share', 'complete']);
    for (const share of [...old, ...fresh.shares]) expect(log).not.toContain(share);
    const verify = await d.run('audit', 'verify');
    expect(verify.code, verify.stderr).toBe(0);
  }, 300_000);
});
