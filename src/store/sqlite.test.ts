import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { isBulwarkError } from '../core/errors.js';
import { openStore, type OpenStoreOptions } from './open-store.js';
import { registerStoreContract } from './store.contract.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-store-'));
let counter = 0;
const freshPath = (): string => join(root, `run-${(counter += 1)}`, 'nested', 'bulwark.db');

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('sqlite store', () => {
  registerStoreContract({
    dialect: 'sqlite',
    open: async (options?: OpenStoreOptions) => {
      const path = freshPath();
      const reopen = () => openStore({ driver: 'sqlite', sqlite: { path } }, options);
      return { store: await reopen(), reopen };
    },
  });
});

describe('sqlite adapter', () => {
  it('opens a file in WAL mode with synchronous=FULL, creating its folder', async () => {
    const store = await openStore({ driver: 'sqlite', sqlite: { path: freshPath() } });
    try {
      const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(store.db);
      const sync = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(store.db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      expect(sync.rows[0]?.synchronous).toBe(2); // 2 = FULL
    } finally {
      await store.close();
    }
  });

  it('accepts :memory: for tests', async () => {
    const store = await openStore({ driver: 'sqlite', sqlite: { path: ':memory:' } });
    await store.apiKeys.create({ tenant: 'acme' });
    expect(await store.apiKeys.list()).toHaveLength(1);
    await store.close();
  });

  it('reports STORE_UNAVAILABLE when the path cannot be opened', async () => {
    const error: unknown = await openStore({ driver: 'sqlite', sqlite: { path: root } }).catch((e: unknown) => e);
    expect(isBulwarkError(error) && error.code).toBe('STORE_UNAVAILABLE');
  });

  it('two processes opening one new file both migrate; their writes survive SIGKILL', async () => {
    const path = freshPath();
    const writers = [startWriter(path, 'dec_first'), startWriter(path, 'dec_second')];
    await Promise.all(writers.map((w) => w.written));
    for (const w of writers) w.child.kill('SIGKILL');
    expect(await Promise.all(writers.map((w) => w.exited))).toEqual(['SIGKILL', 'SIGKILL']);
    const store = await openStore({ driver: 'sqlite', sqlite: { path } });
    try {
      expect((await store.decisions.get('dec_first'))?.input).toBe('survives kill -9');
      expect(await store.decisions.count()).toBe(2);
    } finally {
      await store.close();
    }
  });
});

/** A child process that opens the store, writes one decision, says so, and waits to be killed. */
function startWriter(path: string, id: string): { child: ChildProcess; written: Promise<void>; exited: Promise<NodeJS.Signals | null> } {
  const script = fileURLToPath(new URL('./testing/write-then-wait.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, path, id], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const written = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('written')) resolve();
    });
    child.on('exit', () => reject(new Error(`writer ${id} exited before writing: ${stderr}`)));
  });
  return { child, written, exited };
}
