/**
 * What an operator waits for: `bulwark vault put` and `bulwark vault get` through the built CLI and a
 * spawned `bulwark serve` on this machine (HTTP on loopback, server-side encrypt/decrypt, the
 * client's own SHA-256 check and fsync). Used by vault.bench.ts; needs `npm run build` first.
 * The vault uses the insecure-local-file key provider only so the bench needs no unseal ceremony;
 * it does not change the data path.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BIN = join(ROOT, 'bin', 'bulwark.js');

export interface CliBench {
  put(file: string, name: string): Promise<void>;
  /** Requests and approves a grant for `name` (not part of the timed get). */
  approve(name: string): void;
  get(name: string, out: string): Promise<void>;
  close(): Promise<void>;
}

function cli(env: NodeJS.ProcessEnv, args: string[]): string {
  const res = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`bulwark ${args.slice(0, 3).join(' ')} failed: ${res.stderr.trim()}`);
  return res.stdout;
}

function cliAsync(env: NodeJS.ProcessEnv, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`bulwark ${args.slice(0, 3).join(' ')} failed: ${stderr.trim()}`))));
  });
}

function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((done, fail) => {
    let out = '';
    child.stdout.on('data', (data: Buffer) => {
      out += data.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) done({ child, url: match[1]! });
    });
    child.once('exit', (code) => fail(new Error(`bulwark serve exited ${code}`)));
  });
}

/** A deployment with an admin pair, an approver and a requester; `get` uses one approved grant. */
export async function startCliBench(): Promise<CliBench> {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('the CLI is not built: run npm run build first');
  const home = mkdtempSync(join(tmpdir(), 'bulwark-vault-cli-bench-'));
  writeFileSync(join(home, 'bulwark.yaml'), 'vault:\n  insecureDevKeyProvider: insecure-local-file\nlog:\n  level: warn\n');
  const base: NodeJS.ProcessEnv = { ...process.env, BULWARK_HOME: home, BULWARK_CONFIG: join(home, 'bulwark.yaml') };
  const server = await startServer(base);
  const env = { ...base, BULWARK_SERVER: server.url };
  const id = (who: string): string => join(home, who);
  for (const who of ['admin', 'admin2', 'approver', 'requester']) cli(env, ['identity', 'new', '--name', who, '--out', id(who)]);
  cli(env, ['vault', 'init', '--admin-key', `${id('admin')}.pub`, '--admin-key', `${id('admin2')}.pub`, '--json']);
  // vault get releases only to an allowlisted CLI: admin asks for this one, admin2 approves (docs/allowlist.md).
  const changes = JSON.parse(cli(env, ['allowlist', 'add', '--self', '--owner', 'bench', '--reason', 'bench CLI', '--identity', id('admin'), '--json'])) as { id: string }[];
  if (changes.length > 0) cli(env, ['allowlist', 'approve', ...changes.map((c) => c.id), '--identity', id('admin2')]);
  for (const [who, role] of [['approver', 'approver'], ['requester', 'requester']] as const) {
    const change = JSON.parse(cli(env, ['users', 'add', '--name', who, '--public-key', `${id(who)}.pub`, '--role', role, '--identity', id('admin'), '--json'])) as { id: string };
    cli(env, ['access', 'approve', change.id, '--identity', id('admin2')]);
  }
  const grants = new Map<string, string>();
  return {
    put: (file, name) => cliAsync(env, ['vault', 'put', file, '--name', name, '--identity', id('admin')]),
    approve: (name) => {
      const grant = (JSON.parse(cli(env, ['access', 'request', '--artifact', name, '--reason', 'bench', '--ttl', '1h', '--identity', id('requester'), '--json'])) as { id: string }).id;
      cli(env, ['access', 'approve', grant, '--identity', id('approver')]);
      grants.set(name, grant);
    },
    get: async (name, out) => {
      const grant = grants.get(name);
      if (grant === undefined) throw new Error(`no grant for ${name}: call approve first`);
      await cliAsync(env, ['vault', 'get', name, '--grant', grant, '--out', out, '--identity', id('requester')]);
    },
    close: async () => {
      server.child.kill('SIGTERM');
      await new Promise((done) => server.child.once('exit', done));
      await rm(home, { recursive: true, force: true });
    },
  };
}
