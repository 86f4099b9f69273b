/**
 * Allowlist check: time to resolve, hash and check a 100 MiB executable (what `bulwark exec` and the
 * server do before any release) against `sha256sum` of the same file, measured in the same run with a
 * warm page cache for both. Run: npm run bench:allowlist [-- --size 100MiB --rounds 5]
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAllowlistService, createExecGate } from '../src/allowlist/index.js';
import { allowlistFiles, openTestStore, RecordingAudit } from '../src/allowlist/testing/fixture.js';

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1]! : fallback;
}

function parseMiB(text: string): number {
  const match = /^(\d+)\s*(MiB)?$/i.exec(text.trim());
  if (match === null) throw new Error(`size in MiB, e.g. 100MiB (got "${text}")`);
  return Number(match[1]) * 2 ** 20;
}

async function writeExecutable(path: string, size: number): Promise<void> {
  const handle = await open(path, 'w');
  // ELF magic first so it is not taken for a #! script; the rest is random.
  await handle.write(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  const block = 4 * 2 ** 20;
  for (let written = 4; written < size; written += block) await handle.write(randomBytes(Math.min(block, size - written)));
  await handle.close();
  await chmod(path, 0o755);
}

function sha256sum(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('sha256sum', [path], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out.split(' ')[0]!) : reject(new Error(`sha256sum exited ${code}`))));
  });
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const size = parseMiB(argument('size', '100MiB'));
const rounds = Number(argument('rounds', '5'));
const dir = await mkdtemp(join(tmpdir(), 'bulwark-allowlist-bench-'));
const file = join(dir, 'big-program');
const store = await openTestStore();
try {
  await writeExecutable(file, size);
  await allowlistFiles(store, [file]);
  const allowlist = createAllowlistService({ db: store.db, audit: new RecordingAudit(), keys: { find: () => Promise.resolve(null) } });
  const gate = createExecGate({ allowlist, audit: new RecordingAudit(), handleParentSignals: false });
  const check = () => gate.checkCommand({ command: file, args: [], env: { PATH: '/usr/bin:/bin' }, cwd: dir });

  // Warm the page cache for both, and check they agree.
  const warm = await check();
  const reference = await sha256sum(file);
  if (!warm.check.allowed || warm.identity.components[0]!.sha256 !== reference) throw new Error('the gate and sha256sum disagree');

  const gateMs: number[] = [];
  const sumMs: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    // Alternate the order so neither always runs second.
    if (i % 2 === 0) {
      gateMs.push((await time(check)).ms);
      sumMs.push((await time(() => sha256sum(file))).ms);
    } else {
      sumMs.push((await time(() => sha256sum(file))).ms);
      gateMs.push((await time(check)).ms);
    }
  }
  const g = median(gateMs);
  const s = median(sumMs);
  const mib = size / 2 ** 20;
  console.log(`allowlist check of a ${mib} MiB executable, ${rounds} rounds, warm page cache (node ${process.version})`);
  console.log(`  resolve + hash + check : median ${g.toFixed(1)} ms  (${(mib / (g / 1000)).toFixed(0)} MiB/s)  all: ${gateMs.map((v) => v.toFixed(0)).join(', ')}`);
  console.log(`  sha256sum              : median ${s.toFixed(1)} ms  (${(mib / (s / 1000)).toFixed(0)} MiB/s)  all: ${sumMs.map((v) => v.toFixed(0)).join(', ')}`);
  console.log(`  ratio gate / sha256sum : ${(g / s).toFixed(2)}x`);
} finally {
  await store.close();
  await rm(dir, { recursive: true, force: true });
}
