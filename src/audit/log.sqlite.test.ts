import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/index.js';
import { isBulwarkError } from '../core/errors.js';
import { loadOrCreateLogKey, readLogPublicKey } from './log-key.js';
import { createAuditLog } from './log.js';
import { registerAuditLogContract, writeLooseKey } from './log.contract.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-audit-'));
let counter = 0;
const freshPath = (): string => join(root, `db-${(counter += 1)}`, 'bulwark.db');
const paths = new WeakMap<object, string>();

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('audit log on SQLite', () => {
  registerAuditLogContract({
    openStore: async () => {
      const path = freshPath();
      const store = await openStore({ driver: 'sqlite', sqlite: { path } });
      paths.set(store, path);
      return store;
    },
    reopen: (store) => openStore({ driver: 'sqlite', sqlite: { path: paths.get(store)! } }),
    keyDir: () => root,
  });

  it('two processes appending to one file get dense, verifiable indexes and share one created key', async () => {
    const path = freshPath();
    const keyFile = join(root, 'shared-key', 'audit-log-key.pem');
    const script = fileURLToPath(new URL('./testing/append-events.ts', import.meta.url));
    const run = (tag: string) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, path, keyFile, tag, '60'], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${tag} failed: ${stderr}`))));
      });
    await Promise.all([run('a'), run('b')]);
    const store = await openStore({ driver: 'sqlite', sqlite: { path } });
    try {
      const log = createAuditLog(store, { keyFile });
      const result = await log.verify(readLogPublicKey(keyFile));
      expect(result).toMatchObject({ ok: true, size: 120 });
    } finally {
      await store.close();
    }
  });
});

describe('audit log key file', () => {
  it('refuses a key file that others can read, and a file that is not a key', () => {
    const dir = join(root, 'loose');
    mkdirSync(dir, { recursive: true });
    writeLooseKey(join(dir, 'key.pem'));
    const error: unknown = (() => {
      try {
        return loadOrCreateLogKey(join(dir, 'key.pem'));
      } catch (e) {
        return e;
      }
    })();
    expect(isBulwarkError(error) && error.code).toBe('AUDIT_KEY_UNAVAILABLE');
    expect(isBulwarkError(error) && error.message).toContain('chmod 600');
  });

  it('creates the key once and returns the same key afterwards', () => {
    const file = join(root, 'once', 'key.pem');
    const first = loadOrCreateLogKey(file);
    expect(loadOrCreateLogKey(file).publicKey.equals(first.publicKey)).toBe(true);
  });
});
