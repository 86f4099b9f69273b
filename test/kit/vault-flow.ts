import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { createTestSchemas, probePostgres, testPostgresUrl, withPgClient } from '../../src/store/testing/postgres-test-db.js';
import type { ServiceProbe } from '../../src/store/testing/service-gate.js';
import { CliDeployment, type CliResult } from './cli-deployment.js';

/** Steps the vault end-to-end tests share: bootstrap, uploads, requests, and direct database edits. */

export function expectFailure(res: CliResult, code: string): void {
  expect(res.code, res.stdout).not.toBe(0);
  expect(res.stderr).toContain(code);
  // Progress lines (stderr, non-TTY) are not part of the error; the reason itself is one line.
  const lines = res.stderr.trim().split('\n').filter((line) => !/^(upload|download): \d+%/.test(line));
  expect(lines).toHaveLength(1);
}

/**
 * Identities, init with 2 admins, the CLI allowlisted by both, unseal with M of N, and users approved by
 * the second admin.
 * Returns the shares, so a test can unseal again after a restart.
 */
export async function bootstrap(d: CliDeployment): Promise<string[]> {
  for (const who of ['admin', 'admin2', 'approver', 'approver2', 'requester']) expect((await d.run('identity', 'new', '--name', who, '--out', d.file(who))).code).toBe(0);
  const init = await d.run('vault', 'init', '--shares', '5', '--threshold', '3', '--admin-key', d.file('admin.pub'), '--admin-key', d.file('admin2.pub'), '--json');
  expect(init.code, init.stderr).toBe(0);
  const { shares, threshold } = JSON.parse(init.stdout) as { shares: string[]; threshold: number };
  // `vault get` releases only to an allowlisted CLI (allowlist.requiredForVaultGet, on by default).
  await d.allowlistCli();
  expect(shares).toHaveLength(5);
  expect(threshold).toBe(3);
  expect((await d.run('vault', 'put', d.file('admin.pub'), '--name', 'early', '--identity', d.file('admin'))).stderr).toContain('VAULT_SEALED');
  for (const share of [shares[4]!, shares[0]!]) expect((await d.run('vault', 'unseal', '--share', share)).code).toBe(0);
  expectFailure(await d.run('vault', 'unseal', '--share', shares[0]!), 'VAULT_DUPLICATE_SHARE');
  const status = await d.run('vault', 'unseal', '--share', shares[2]!, '--json');
  expect(JSON.parse(status.stdout)).toMatchObject({ sealed: false });
  for (const [who, role] of [['approver', 'approver'], ['approver2', 'approver'], ['requester', 'requester']] as const) {
    const change = await d.json<{ id: string; status: string }>('admin', 'users', 'add', '--name', who, '--public-key', d.file(`${who}.pub`), '--role', role);
    expect(change.status).toBe('pending');
    expectFailure(await d.as('admin', 'access', 'approve', change.id), 'ACCESS_SELF_APPROVAL');
    expect((await d.json<{ status: string }>('admin2', 'access', 'approve', change.id)).status).toBe('approved');
  }
  return shares;
}

/** Stops the server and deletes its data folder (these tests write hundreds of MiB to it). */
export async function retire(d: CliDeployment): Promise<void> {
  await d.stop();
  rmSync(d.home, { recursive: true, force: true });
}

/** Unseals with the first `threshold` of `shares` (after a restart the key is gone from memory). */
export async function unseal(d: CliDeployment, shares: readonly string[], threshold = 3): Promise<void> {
  for (const share of shares.slice(0, threshold)) {
    const res = await d.run('vault', 'unseal', '--share', share);
    expect(res.code, res.stderr).toBe(0);
  }
}

export function writeRandomFile(file: string, mib: number): string {
  const fd = openSync(file, 'w');
  for (let i = 0; i < mib; i += 1) writeSync(fd, randomBytes(1024 * 1024));
  closeSync(fd);
  return file;
}

export async function putRandomFile(d: CliDeployment, name: string, mib: number): Promise<string> {
  const file = writeRandomFile(d.file(`${name}.bin`), mib);
  const put = await d.as('admin', 'vault', 'put', file, '--name', name);
  expect(put.code, put.stderr).toBe(0);
  return file;
}

/** An approved grant for `artifact`: requested by `requester`, approved by `approver`. */
export async function approvedGrant(d: CliDeployment, artifact: string, ...extra: string[]): Promise<string> {
  const { id } = await d.json<{ id: string }>('requester', 'access', 'request', '--artifact', artifact, '--reason', 'eval run', '--ttl', '1h', ...extra);
  expect((await d.json<{ status: string }>('approver', 'access', 'approve', id)).status).toBe('approved');
  return id;
}

/** Files a failed or interrupted write may leave beside its target (`*.tmp-*`). */
export function tempFilesIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.includes('.tmp-'));
}

/** The encrypted object of a registered artifact, on the server's disk. */
export async function objectPathOf(d: CliDeployment, name: string): Promise<string> {
  const { id } = await d.json<{ id: string }>('admin', 'vault', 'info', name);
  return path.join(d.home, 'vault', 'objects', `${id}.bwv`);
}

/** Polls until `find()` names a file of at least `bytes`; throws after `timeoutMs`. */
export async function waitForGrowth(find: () => string | undefined, bytes: number, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const file = find();
    if (file !== undefined) {
      try {
        if (statSync(file).size >= bytes) return file;
      } catch {
        // Renamed or removed between listing and stat: look again.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no file reached ${bytes} bytes within ${timeoutMs} ms`);
}

/** Raw SQL on the deployment's own database, the way an attacker with database access would edit it. */
export interface DatabaseEditor {
  query<T>(text: string): Promise<T[]>;
  close(): Promise<void>;
}

export function sqliteEditor(d: CliDeployment): DatabaseEditor {
  const db = new Database(path.join(d.home, 'bulwark.db'));
  return {
    query: async <T>(text: string) => {
      const statement = db.prepare(text);
      return (statement.reader ? statement.all() : (statement.run(), [])) as T[];
    },
    close: async () => void db.close(),
  };
}

export interface PostgresDeployment {
  readonly deployment: CliDeployment;
  readonly probe: ServiceProbe;
  editor(): DatabaseEditor;
  dropSchema(): Promise<void>;
}

/** A deployment whose store is a fresh schema on the machine's real PostgreSQL. */
export async function postgresDeployment(label: string, prefix: string): Promise<PostgresDeployment> {
  const url = testPostgresUrl();
  const schemas = createTestSchemas(url, label);
  const schema = schemas.fresh();
  const config = path.join(mkdtempSync(path.join(tmpdir(), `${prefix}config-`)), 'bulwark.yaml');
  writeFileSync(config, `storage:\n  driver: postgres\n  postgres:\n    url: ${JSON.stringify(url)}\n    schema: ${schema}\n`);
  return {
    deployment: new CliDeployment({ prefix, env: { BULWARK_CONFIG: config } }),
    probe: await probePostgres(url),
    editor: () => ({
      query: <T>(text: string) => withPgClient(url, async (client) => {
        await client.query(`SET search_path TO "${schema}"`);
        return (await client.query(text)).rows as T[];
      }),
      close: async () => undefined,
    }),
    dropSchema: () => schemas.dropAll(),
  };
}
