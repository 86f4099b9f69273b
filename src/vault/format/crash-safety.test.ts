import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, open, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptFile } from './encrypt.js';

const CHILD = fileURLToPath(new URL('./testing/crash-child.ts', import.meta.url));
const SIZE = 32 * 1024 * 1024;
const CHUNK = 256 * 1024;
const kek = { id: 'kek-crash', key: randomBytes(32) };
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-vault-crash-'));
  const handle = await open(join(dir, 'weights.bin'), 'w');
  for (let written = 0; written < SIZE; written += 4 * 1024 * 1024) await handle.write(randomBytes(4 * 1024 * 1024));
  await handle.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the child until it reports "midway", then kill -9; resolves with the signal it died of. */
function runAndKillMidway(args: string[]): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.stdout.on('data', (data: Buffer) => {
      if (data.toString().includes('midway')) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal === null ? reject(new Error(`child exited ${code}: ${stderr}`)) : resolve(signal)));
  });
}

describe('kill -9 mid-way leaves no file at the output path', () => {
  it('encryptFile', async () => {
    const outPath = join(dir, 'weights.vault');
    const signal = await runAndKillMidway(['encrypt', join(dir, 'weights.bin'), outPath, kek.key.toString('hex'), String(CHUNK)]);
    expect(signal).toBe('SIGKILL');
    expect(existsSync(outPath)).toBe(false);
    expect((await readdir(dir)).some((name) => name.startsWith('weights.vault.tmp-'))).toBe(true);
  });

  it('decryptToFile', async () => {
    const sealedPath = join(dir, 'sealed.vault');
    await encryptFile(join(dir, 'weights.bin'), sealedPath, { artifactId: 'crash', kek, chunkSize: CHUNK });
    const outPath = join(dir, 'restored.bin');
    const signal = await runAndKillMidway(['decrypt', sealedPath, outPath, kek.key.toString('hex'), String(CHUNK)]);
    expect(signal).toBe('SIGKILL');
    expect(existsSync(outPath)).toBe(false);
    expect((await readdir(dir)).some((name) => name.startsWith('restored.bin.tmp-'))).toBe(true);
  });
});
