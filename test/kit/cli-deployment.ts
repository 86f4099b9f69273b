import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** What `npx bulwark` runs: the launcher over dist/ (compiled once by test/kit/build-once.ts). */
export const BULWARK_BIN = path.join(PROJECT_ROOT, 'bin', 'bulwark.js');
/** A CLI call that has not finished by then is killed (it then reports a null exit code). */
const CLI_TIMEOUT_MS = 120_000;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliDeploymentOptions {
  /** Prefix of the temporary data folder. */
  readonly prefix: string;
  /** Extra environment for the server and every CLI call. */
  readonly env?: Record<string, string>;
  /** Variables removed from the inherited environment (e.g. ones the exec gate refuses). */
  readonly dropEnv?: readonly string[];
}

/**
 * A real `bulwark serve` on a free port with its own data folder, and the built CLI pointed at it:
 * how an operator would drive Bulwark, used by the end-to-end tests.
 */
export class CliDeployment {
  readonly home: string;
  url = '';
  /** What `bulwark serve` printed on stdout so far. */
  serveOutput = '';
  private child: ChildProcess | null = null;

  constructor(private readonly options: CliDeploymentOptions) {
    this.home = mkdtempSync(path.join(tmpdir(), options.prefix));
  }

  env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, BULWARK_HOME: this.home, BULWARK_SERVER: this.url, ...this.options.env };
    for (const name of this.options.dropEnv ?? []) delete env[name];
    return env;
  }

  /**
   * Runs the CLI to completion. Asynchronous on purpose: a synchronous spawn blocks this test
   * worker's event loop for the whole command (a 256 MiB `vault put` takes seconds), and under load
   * vitest's worker RPC then times out ("Timeout calling onTaskUpdate") although every test passed.
   */
  run(...args: string[]): Promise<CliResult> {
    return this.runEntry(BULWARK_BIN, ...args);
  }

  /** Runs the CLI through another entry script (e.g. a modified launcher) instead of bin/bulwark.js. */
  runEntry(entry: string, ...args: string[]): Promise<CliResult> {
    return new Promise((resolve, reject) => {
      const child = this.spawnEntry(entry, args, CLI_TIMEOUT_MS);
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  /** Starts the CLI and returns the running process (for long-lived commands a test stops itself). */
  spawnCli(args: readonly string[]): ChildProcess {
    return this.spawnEntry(BULWARK_BIN, args);
  }

  private spawnEntry(entry: string, args: readonly string[], timeout?: number): ChildProcessByStdio<null, Readable, Readable> {
    return spawn(process.execPath, [entry, ...args], { env: this.env(), cwd: this.home, stdio: ['ignore', 'pipe', 'pipe'], ...(timeout === undefined ? {} : { timeout }) });
  }

  /** Runs as the named identity and returns the parsed --json output; fails the test on a non-zero exit. */
  async json<T>(who: string, ...args: string[]): Promise<T> {
    const res = await this.run(...args, '--identity', this.file(who), '--json');
    expect(res.code, res.stderr).toBe(0);
    return JSON.parse(res.stdout) as T;
  }

  as(who: string, ...args: string[]): Promise<CliResult> {
    return this.run(...args, '--identity', this.file(who));
  }

  /**
   * Standard setup once the admins exist (after `vault init`): `vault get` releases only to an
   * allowlisted CLI (allowlist.requiredForVaultGet, on by default), so `requester` asks for this CLI
   * (`allowlist add --self`) and `approver`, a second admin, approves every change, like any allowlist change.
   */
  async allowlistCli(requester = 'admin', approver = 'admin2'): Promise<void> {
    const changes = await this.json<{ id: string }[]>(requester, 'allowlist', 'add', '--self', '--owner', 'platform', '--reason', 'the bulwark CLI receives vault get plaintext');
    if (changes.length === 0) return;
    const applied = await this.json<{ status: string } | { status: string }[]>(approver, 'allowlist', 'approve', ...changes.map((c) => c.id));
    expect([applied].flat().map((a) => a.status)).toEqual(changes.map(() => 'applied'));
  }

  file(name: string): string {
    return path.join(this.home, name);
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [BULWARK_BIN, 'serve', '--port', '0'], { env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.url = await new Promise<string>((resolve, reject) => {
      this.serveOutput = '';
      child.stdout.on('data', (chunk: Buffer) => {
        this.serveOutput += chunk.toString();
        const m = /listening on (http:\/\/\S+)/.exec(this.serveOutput);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
  }

  /** kill -9 of the server (no cleanup runs), resolved once it is gone. */
  async crash(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child === null || child.exitCode !== null) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGKILL');
    });
  }

  /** Stops the server and waits for it to exit (so a restart never races the old process). */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child === null || child.exitCode !== null) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }
}
