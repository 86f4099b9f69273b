import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/core/clock.js';
import { MemoryLedger, startEgressAdmin } from '../src/egress/index.js';
import { CliDeployment, PROJECT_ROOT, type CliResult } from './kit/cli-deployment.js';
import { WebhookSink } from './kit/webhook-sink.js';

/*
 * Issue 6 acceptance, driven through the built CLI against a spawned `bulwark serve`: allowlist changes
 * with a second admin, `bulwark exec` releasing a small artifact only to an allowlisted program, the
 * private artifact file's lifetime, grants bound to their artifact, and the egress proof.
 */
const node = realpathSync(process.execPath);

/** The exec gate refuses code-loading variables; the test runner may set some. */
const CODE_LOADING_ENV = ['NODE_OPTIONS', 'NODE_PATH', 'LD_PRELOAD', 'LD_LIBRARY_PATH'];

class Deployment extends CliDeployment {
  readonly config: string;

  constructor() {
    const config = path.join(mkdtempSync(path.join(tmpdir(), 'bulwark-allowlist-config-')), 'bulwark.yaml');
    super({ prefix: 'bulwark-allowlist-e2e-', env: { BULWARK_CONFIG: config }, dropEnv: CODE_LOADING_ENV });
    this.config = config;
  }

  /** `bulwark exec` as `who`; everything after `--` is the command. */
  exec(who: string, artifact: string, grant: string, ...command: string[]): Promise<CliResult> {
    return this.run(...execArgs(this.file(who), artifact, grant, command));
  }

  execAsync(who: string, artifact: string, grant: string, ...command: string[]): ChildProcess {
    return this.spawnCli(execArgs(this.file(who), artifact, grant, command));
  }
}

function execArgs(identity: string, artifact: string, grant: string, command: readonly string[]): string[] {
  return ['exec', '--identity', identity, '--artifact', artifact, '--grant', grant, '--', ...command];
}

function expectFailure(res: CliResult, code: string): void {
  expect(res.code, res.stdout).not.toBe(0);
  expect(res.stderr).toContain(code);
}

/** A port nothing listens on: bound, read, released. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const READER = `import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
const file = process.env.BULWARK_ARTIFACT_PATH;
const digest = createHash('sha256').update(readFileSync(file)).digest('hex');
process.stdout.write(JSON.stringify({ file, sha256: digest, pid: process.pid }) + '\\n');
if (process.argv[2] === 'wait') setInterval(() => {}, 1000);
`;

/** A uid nothing else on the machine runs as: the monitor's scope. */
const MONITOR_UID = 47_011;

// Each test spawns several CLI processes one after another; on a loaded 2-core machine the default 30 s
// per test ran out (not a failure of what is tested), so tests without their own timeout get 120 s.
describe('allowlist and conditional release end to end', { timeout: 120_000 }, () => {
  const d = new Deployment();
  const webhook = new WebhookSink();
  let weightsSha = '';
  let grant = '';
  let otherGrant = '';

  beforeAll(async () => {
    expect(existsSync(path.join(PROJECT_ROOT, 'dist', 'cli', 'main.js'))).toBe(true);
    await webhook.start();
    writeFileSync(d.config, `vault:\n  insecureDevKeyProvider: insecure-local-file\nallowlist:\n  webhook:\n    url: ${webhook.url}\naccess:\n  webhook:\n    url: ${webhook.url}\n`);
    await d.start();
    for (const who of ['admin', 'admin2', 'approver', 'requester']) expect((await d.run('identity', 'new', '--name', who, '--out', d.file(who))).code).toBe(0);
    const init = await d.run('vault', 'init', '--shares', '3', '--threshold', '2', '--admin-key', d.file('admin.pub'), '--admin-key', d.file('admin2.pub'), '--json');
    expect(init.code, init.stderr).toBe(0);
    await d.allowlistCli();
    for (const [who, role] of [['approver', 'approver'], ['requester', 'requester']] as const) {
      const change = await d.json<{ id: string }>('admin', 'users', 'add', '--name', who, '--public-key', d.file(`${who}.pub`), '--role', role);
      expect((await d.json<{ status: string }>('admin2', 'access', 'approve', change.id)).status).toBe('approved');
    }
    const weights = randomBytes(256 * 1024);
    weightsSha = createHash('sha256').update(weights).digest('hex');
    writeFileSync(d.file('weights.bin'), weights);
    writeFileSync(d.file('other.bin'), randomBytes(1024));
    expect((await d.as('admin', 'vault', 'put', d.file('weights.bin'), '--name', 'weights')).code).toBe(0);
    expect((await d.as('admin', 'vault', 'put', d.file('other.bin'), '--name', 'other')).code).toBe(0);
    for (const [artifact, set] of [['weights', (id: string) => (grant = id)], ['other', (id: string) => (otherGrant = id)]] as const) {
      const id = (await d.json<{ id: string }>('requester', 'access', 'request', '--artifact', artifact, '--reason', 'eval', '--ttl', '1h')).id;
      await d.json('approver', 'access', 'approve', id);
      set(id);
    }
    writeFileSync(d.file('reader.mjs'), READER);
    writeFileSync(d.file('unlisted.mjs'), `${READER}// a different program\n`);
    chmodSync(d.file('reader.mjs'), 0o644);
    chmodSync(d.file('unlisted.mjs'), 0o644);
  }, 240_000);
  afterAll(async () => {
    await d.stop();
    await webhook.stop();
  });

  it('allowlist changes need a second admin; list shows what was approved', async () => {
    const add = await d.json<{ id: string; status: string }>('admin', 'allowlist', 'add', d.file('reader.mjs'), '--name', 'reader', '--owner', 'ml');
    expect(add.status).toBe('pending');
    expectFailure(await d.as('admin', 'allowlist', 'approve', add.id), 'ALLOWLIST_SELF_APPROVAL');
    expectFailure(await d.as('requester', 'allowlist', 'add', d.file('reader.mjs'), '--name', 'x'), 'ALLOWLIST_NOT_AUTHORIZED');
    expect((await d.json<{ id: string }[]>('admin', 'allowlist', 'changes')).map((c) => c.id)).toEqual([add.id]);
    expect((await d.json<{ status: string }>('admin2', 'allowlist', 'approve', add.id)).status).toBe('applied');
    expect(await d.json<unknown[]>('admin', 'allowlist', 'changes')).toEqual([]);
    // The standard setup allowlisted the CLI (node, launcher, entry script); --self now has nothing to add.
    expect(await d.json<unknown[]>('admin', 'allowlist', 'add', '--self')).toEqual([]);
    const entries = await d.json<{ name: string; sha256: string }[]>('admin', 'allowlist', 'list');
    expect(entries.map((e) => e.name).sort()).toEqual(['bulwark CLI interpreter node', 'bulwark CLI script bulwark.js', 'bulwark CLI script main.js', 'reader']);
    const exported = await d.run('allowlist', 'export', '--format', 'fapolicyd', '--out', d.file('fapolicyd'), '--json');
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).not.toHaveLength(0);
  });

  it('an allowlisted program gets the artifact through exec, and the file is gone after it exits', async () => {
    const res = await d.exec('requester', 'weights', grant, node, d.file('reader.mjs'));
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout) as { file: string; sha256: string };
    expect(out.sha256).toBe(weightsSha);
    expect(existsSync(out.file)).toBe(false);
    expect(existsSync(path.dirname(out.file))).toBe(false);
  });

  it('the artifact file is gone when the command is killed', async () => {
    const child = d.execAsync('requester', 'weights', grant, node, d.file('reader.mjs'), 'wait');
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      child.once('exit', (code) => reject(new Error(`exec exited ${code} early`)));
    });
    const started = JSON.parse(line) as { file: string; pid: number; sha256: string };
    expect(started.sha256).toBe(weightsSha);
    expect(existsSync(started.file)).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    process.kill(started.pid, 'SIGKILL');
    expect(await exited).toBe(137);
    expect(existsSync(started.file)).toBe(false);
  });

  it('a script changed by one byte, or not allowlisted, is refused and names what is missing', async () => {
    const original = readFileSync(d.file('reader.mjs'));
    const changed = Buffer.from(original);
    changed[changed.length - 2] = changed[changed.length - 2]! ^ 0x01;
    writeFileSync(d.file('reader.mjs'), changed);
    try {
      const res = await d.exec('requester', 'weights', grant, node, d.file('reader.mjs'));
      expectFailure(res, 'ALLOWLIST_RELEASE_REFUSED');
      expect(res.stderr).toContain(`script ${realpathSync(d.file('reader.mjs'))}`);
      expect(res.stdout).toBe('');
    } finally {
      writeFileSync(d.file('reader.mjs'), original);
    }
    // The interpreter is allowlisted, but the script it runs is not.
    const unlisted = await d.exec('requester', 'weights', grant, node, d.file('unlisted.mjs'));
    expectFailure(unlisted, 'ALLOWLIST_RELEASE_REFUSED');
    expect(unlisted.stderr).toContain('unlisted.mjs');
    expect(unlisted.stderr).not.toContain(`interpreter ${node}`);
    // Inline code cannot be hashed at all.
    expectFailure(await d.exec('requester', 'weights', grant, node, '-e', 'console.log(1)'), 'ALLOWLIST_UNVERIFIABLE_CODE');
    // Once a second admin allowlists it, it runs.
    const add = await d.json<{ id: string }>('admin', 'allowlist', 'add', d.file('unlisted.mjs'), '--name', 'second reader', '--owner', 'ml');
    await d.json('admin2', 'allowlist', 'approve', add.id);
    expect((await d.exec('requester', 'weights', grant, node, d.file('unlisted.mjs'))).code).toBe(0);
  });

  it('vault get releases to the allowlisted CLI; the CLI run through a modified launcher is refused, naming the missing proof', async () => {
    const got = await d.as('requester', 'vault', 'get', 'weights', '--grant', grant, '--out', d.file('cli-out.bin'));
    expect(got.code, got.stderr).toBe(0);
    expect(createHash('sha256').update(readFileSync(d.file('cli-out.bin'))).digest('hex')).toBe(weightsSha);
    // Same node, same dist entry, but a launcher nobody approved: the program identity is not allowlisted.
    const modified = d.file('bulwark-modified.mjs');
    writeFileSync(modified, `// a modified launcher\nawait import(${JSON.stringify(pathToFileURL(path.join(PROJECT_ROOT, 'dist', 'cli', 'main.js')).href)});\n`);
    const refused = await d.runEntry(modified, 'vault', 'get', 'weights', '--grant', grant, '--out', d.file('modified-out.bin'), '--identity', d.file('requester'));
    expectFailure(refused, 'ALLOWLIST_RELEASE_REFUSED');
    expect(refused.stderr).toContain(`program identity not allowlisted: script ${realpathSync(modified)}`);
    expect(refused.stderr).toContain('bulwark allowlist add --self');
    expect(refused.stderr).not.toContain('main.js');
    expect(existsSync(d.file('modified-out.bin'))).toBe(false);
  });

  it('posts each access request to the configured access webhook for approvers, with no key material', async () => {
    const hook = await webhook.waitFor((h) => h.body.event === 'access.request' && h.body.request_id === grant, 5_000);
    expect(hook, 'no access.request webhook').not.toBeNull();
    expect(hook!.body).toMatchObject({ audience: 'approvers', artifact_id: expect.stringMatching(/^art_/), requester: 'requester', reason: 'eval' });
    expect(typeof hook!.body.text).toBe('string');
    expect(JSON.stringify(hook!.body)).not.toMatch(/signature|BEGIN|privateKey/i);
  });

  it('monitor mode reports an unknown program in its uid to the webhook within 2 s, with its identity and mode', async () => {
    // Outside the 0700 deployment home so the dedicated uid can run it.
    const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'bulwark-monitor-e2e-')));
    chmodSync(dir, 0o755);
    const mystery = path.join(dir, 'mystery-sleeper');
    copyFileSync(realpathSync('/bin/sleep'), mystery);
    chmodSync(mystery, 0o755);
    const monitor = d.spawnCli(['allowlist', 'monitor', '--scope', `uid:${MONITOR_UID}`, '--mode', 'monitor', '--identity', d.file('admin')]);
    let sleeper: ChildProcess | null = null;
    try {
      await new Promise<void>((resolve, reject) => {
        let err = '';
        monitor.stderr!.on('data', (chunk: Buffer) => {
          err += chunk.toString();
          if (err.includes('watching')) resolve();
        });
        monitor.once('exit', (code) => reject(new Error(`monitor exited ${code}: ${err}`)));
      });
      const started = Date.now();
      sleeper = spawn(mystery, ['30'], { uid: MONITOR_UID, gid: MONITOR_UID, stdio: 'ignore' });
      const hook = await webhook.waitFor((h) => h.body.pid === sleeper!.pid, 2_000);
      expect(hook, 'no webhook within 2 s').not.toBeNull();
      process.stdout.write(`monitor → webhook: ${hook!.receivedAt - started} ms from spawn to delivery\n`);
      expect(hook!.body).toMatchObject({
        event: 'allowlist.unknown_process',
        mode: 'monitor',
        action: 'reported',
        pid: sleeper.pid,
        uid: MONITOR_UID,
        exe: mystery,
        sha256: createHash('sha256').update(readFileSync(mystery)).digest('hex'),
      });
      expect(sleeper.exitCode).toBeNull();
    } finally {
      sleeper?.kill('SIGKILL');
      monitor.kill('SIGTERM');
    }
  }, 60_000);

  it('a grant for another artifact does not work', async () => {
    const res = await d.exec('requester', 'weights', otherGrant, node, d.file('reader.mjs'));
    expectFailure(res, 'ACCESS_ARTIFACT_MISMATCH');
    expect(res.stdout).toBe('');
  });

  it('with egress.requiredForRelease and no egress proxy, release is refused naming the missing proof', async () => {
    const port = await closedPort();
    await d.stop();
    writeFileSync(d.config, `vault:\n  insecureDevKeyProvider: insecure-local-file\negress:\n  requiredForRelease: true\n  statusUrl: http://127.0.0.1:${port}\n`);
    await d.start();
    const res = await d.exec('requester', 'weights', grant, node, d.file('reader.mjs'));
    expectFailure(res, 'ALLOWLIST_RELEASE_REFUSED');
    expect(res.stderr).toContain(`egress posture unverified: proxy status unreachable at http://127.0.0.1:${port}/status`);
    expectFailure(await d.as('requester', 'vault', 'get', 'weights', '--grant', grant, '--out', d.file('out.bin')), 'ALLOWLIST_RELEASE_REFUSED');
    expect(existsSync(d.file('out.bin'))).toBe(false);
  }, 60_000);

  it('with a live egress proxy that passed its self-test, release works; stopped, it is refused', async () => {
    // The egress proxy's admin listener (src/egress) with its real 1 s loopback self-test.
    const admin = await startEgressAdmin({ listen: { host: '127.0.0.1', port: 0 }, ledger: new MemoryLedger(systemClock, []), failOpenOnLedgerError: false, selftestIntervalMs: 600_000 });
    try {
      expect((await admin.runSelftest()).passed).toBe(true);
      await d.stop();
      writeFileSync(d.config, `vault:\n  insecureDevKeyProvider: insecure-local-file\negress:\n  requiredForRelease: true\n  statusUrl: ${admin.url}\n`);
      await d.start();
      const ok = await d.run('exec', '--identity', d.file('requester'), '--artifact', 'weights', '--grant', grant, '--', node, d.file('reader.mjs'));
      expect(ok.code, ok.stderr).toBe(0);
      expect((JSON.parse(ok.stdout) as { sha256: string }).sha256).toBe(weightsSha);
      // vault get: the allowlisted CLI itself is the program, under the same live egress posture.
      const get = await d.run('vault', 'get', 'weights', '--grant', grant, '--out', d.file('out.bin'), '--identity', d.file('requester'));
      expect(get.code, get.stderr).toBe(0);
    } finally {
      await admin.close();
    }
    const stopped = await d.exec('requester', 'weights', grant, node, d.file('reader.mjs'));
    expectFailure(stopped, 'ALLOWLIST_RELEASE_REFUSED');
    expect(stopped.stderr).toContain('egress posture unverified: proxy status unreachable');
    const verify = await d.run('audit', 'verify');
    expect(verify.code, verify.stderr).toBe(0);
    // Every release decision is one audit event carrying all three proofs.
    expect((await d.run('audit', 'export', '--out', d.file('audit.jsonl'))).code).toBe(0);
    // Lines hold the stored leaf JSON (possibly escaped inside the line): compare without backslashes.
    const events = readFileSync(d.file('audit.jsonl'), 'utf8').split('\n').map((l) => l.replace(/\\/g, '')).filter((l) => l.includes('allowlist.exec'));
    const released = events.filter((e) => e.includes('"decision":"release"'));
    const refused = events.filter((e) => e.includes('"decision":"refuse"'));
    expect(released.some((e) => e.includes('"status":"verified"') && e.includes('"status":"allowlisted"') && e.includes('"capsEnforced":true'))).toBe(true);
    expect(refused.some((e) => e.includes('"status":"unverified"') && e.includes('proxy status unreachable'))).toBe(true);
    expect(refused.some((e) => e.includes('"status":"not-allowlisted"'))).toBe(true);
  }, 60_000);
});
