import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { BulwarkError } from '../core/errors.js';
import { sha256Hex } from '../core/hash.js';
import type { Store } from '../store/types.js';
import { createAllowlistService } from './allowlist.js';
import { createExecGate, type ExecGate, type ExecRequest } from './exec-gate.js';
import { RecordingAudit, allowlistFiles, openTestStore } from './testing/fixture.js';

const NODE = realpathSync(process.execPath);
const SH = realpathSync('/bin/sh');
const dir = realpathSync(mkdtempSync(join(tmpdir(), 'bulwark-exec-test-')));
const WEIGHTS = Buffer.from('pretend these are model weights\n'.repeat(1000));

function file(name: string, text: string, mode = 0o755): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

// Reads the artifact and writes its SHA-256 and its file mode next to itself.
const READER = file(
  'reader.mjs',
  `import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
const p = process.env.BULWARK_ARTIFACT_PATH;
const mode = (statSync(p).mode & 0o777).toString(8);
writeFileSync(process.argv[2], JSON.stringify({ path: p, mode, sha256: createHash('sha256').update(readFileSync(p)).digest('hex') }));
`,
  0o644,
);
const SLEEPER = file('sleeper.sh', 'echo "$BULWARK_ARTIFACT_PATH" > "$1"\nexec sleep 30\n', 0o644);

let store: Store;
let audit: RecordingAudit;
let gate: ExecGate;
const stores: Store[] = [];
afterAll(async () => Promise.all(stores.map((s) => s.close())));

beforeEach(async () => {
  store = await openTestStore();
  stores.push(store);
  audit = new RecordingAudit();
  const allowlist = createAllowlistService({ db: store.db, audit, keys: { find: async () => null } });
  gate = createExecGate({ allowlist, audit, artifactRoots: ['/dev/shm'], handleParentSignals: false });
});

const artifact = { open: async function* () { yield WEIGHTS.subarray(0, 10); yield WEIGHTS.subarray(10); } };
const request = (command: string, args: string[], extra: Partial<ExecRequest> = {}): ExecRequest => ({
  command,
  args,
  artifact,
  env: { PATH: '/usr/bin:/bin' },
  cwd: dir,
  stdio: 'ignore',
  ...extra,
});

async function refusal(promise: Promise<unknown>): Promise<BulwarkError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(BulwarkError);
  return error as BulwarkError;
}

describe('runAllowlisted', () => {
  it('gives an allowlisted interpreter + script the artifact in a 0600 tmpfs file, removed after exit', async () => {
    await allowlistFiles(store, [NODE, READER]);
    const out = join(dir, 'out-ok.json');
    const result = await gate.runAllowlisted(request(NODE, [READER, out]));
    expect(result.exitCode).toBe(0);
    const seen = JSON.parse(readFileSync(out, 'utf8')) as { path: string; mode: string; sha256: string };
    expect(seen).toMatchObject({ mode: '600', sha256: sha256Hex(WEIGHTS) });
    expect(seen.path.startsWith('/dev/shm/bulwark-exec-')).toBe(true);
    expect(existsSync(seen.path)).toBe(false);
    expect(existsSync(join(seen.path, '..'))).toBe(false);
    expect(audit.types()).toEqual(['allowlist.exec']);
  });

  it('refuses the same script with one byte changed, naming it, without opening the artifact', async () => {
    await allowlistFiles(store, [NODE, READER]);
    const changed = file('reader-changed.mjs', readFileSync(READER, 'utf8').replace('sha256', 'sha256 '), 0o644);
    let opened = false;
    const watched = { open: async function* () { opened = true; yield WEIGHTS; } };
    const error = await refusal(gate.runAllowlisted(request(NODE, [changed, join(dir, 'x')], { artifact: watched })));
    expect(error.code).toBe('ALLOWLIST_NOT_ALLOWLISTED');
    expect(error.message).toContain(`script ${changed}`);
    expect(error.message).not.toContain(NODE);
    expect(opened).toBe(false);
    expect(audit.events).toMatchObject([{ type: 'allowlist.exec_refused', details: { code: 'ALLOWLIST_NOT_ALLOWLISTED', missing: [{ role: 'script', path: changed }] } }]);
  });

  it('refuses a script run by an allowlisted interpreter unless the script is allowlisted too', async () => {
    await allowlistFiles(store, [NODE, SH]);
    const error = await refusal(gate.runAllowlisted(request('sh', [SLEEPER, join(dir, 'y')])));
    expect(error.code).toBe('ALLOWLIST_NOT_ALLOWLISTED');
    expect(error.problems.map((p) => p.path)).toEqual([SLEEPER]);
    expect((await refusal(gate.runAllowlisted(request('sh', ['-c', 'cat "$BULWARK_ARTIFACT_PATH"'])))).code).toBe('ALLOWLIST_UNVERIFIABLE_CODE');
    expect((await refusal(gate.runAllowlisted(request(NODE, [READER], { env: { PATH: '/bin', NODE_OPTIONS: '--require /tmp/x.js' } })))).code).toBe(
      'ALLOWLIST_UNVERIFIABLE_CODE',
    );
    expect(audit.types()).toEqual(['allowlist.exec_refused', 'allowlist.exec_refused', 'allowlist.exec_refused']);
  });

  it('removes the artifact when the child is SIGKILLed', async () => {
    await allowlistFiles(store, [SH, SLEEPER]);
    const marker = join(dir, 'killed-path');
    let artifactPath = '';
    const result = await gate.runAllowlisted(
      request('sh', [SLEEPER, marker], {
        onStart: ({ pid, artifactPath: p }) => {
          artifactPath = p;
          const poll = setInterval(() => {
            if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === p) {
              clearInterval(poll);
              expect(statSync(p).mode & 0o777).toBe(0o600);
              process.kill(pid, 'SIGKILL');
            }
          }, 20);
        },
      }),
    );
    expect(result.signal).toBe('SIGKILL');
    expect(existsSync(artifactPath)).toBe(false);
  });

  it('fails closed when the audit log cannot record the exec: nothing is written or run', async () => {
    await allowlistFiles(store, [NODE, READER]);
    audit.failing = true;
    const out = join(dir, 'out-audit.json');
    expect((await refusal(gate.runAllowlisted(request(NODE, [READER, out])))).code).toBe('AUDIT_APPEND_FAILED');
    expect(existsSync(out)).toBe(false);
  });

  it('forwards a parent SIGTERM to the child and removes the artifact', async () => {
    const db = join(dir, 'parent.db');
    const parent = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'testing', 'exec-parent.ts'), db, SLEEPER], {
      stdio: ['ignore', 'pipe', 'inherit'],
      cwd: join(import.meta.dirname, '..', '..'),
    });
    let output = '';
    const done = new Promise<number | null>((resolve) => parent.once('exit', resolve));
    parent.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n') && !output.includes('sent')) {
        output += 'sent';
        setTimeout(() => parent.kill('SIGTERM'), 300);
      }
    });
    expect(await done).toBe(0);
    const artifactPath = output.split('\n')[0]!;
    expect(artifactPath.startsWith('/dev/shm/bulwark-exec-')).toBe(true);
    expect(output).toContain('done SIGTERM');
    expect(existsSync(artifactPath)).toBe(false);
  });
});
