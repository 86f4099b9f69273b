import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** What `npx bulwark` runs: the launcher over dist/ (compiled once by test/kit/build-once.ts). */
export const BULWARK_BIN = path.join(PROJECT_ROOT, 'bin', 'bulwark.js');

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

  run(...args: string[]): CliResult {
    return this.runEntry(BULWARK_BIN, ...args);
  }

  /** Runs the CLI through another entry script (e.g. a modified launcher) instead of bin/bulwark.js. */
  runEntry(entry: string, ...args: string[]): CliResult {
    const res = spawnSync(process.execPath, [entry, ...args], { env: this.env(), cwd: this.home, encoding: 'utf8', timeout: 120_000 });
    return { code: res.status, stdout: res.stdout, stderr: res.stderr };
  }

  /**
   * Standard setup once the admins exist (after `vault init`): `vault get` releases only to an
   * allowlisted CLI (allowlist.requiredForVaultGet, on by default), so `requester` asks for this CLI
   * (`allowlist add --self`) and `approver`, a second admin, approves every change, like any allowlist change.
   */
  allowlistCli(requester = 'admin', approver = 'admin2'): void {
    const changes = this.json<{ id: string }[]>(requester, 'allowlist', 'add', '--self', '--owner', 'platform', '--reason', 'the bulwark CLI receives vault get plaintext');
    if (changes.length === 0) return;
    const applied = this.json<{ status: string } | { status: string }[]>(approver, 'allowlist', 'approve', ...changes.map((c) => c.id));
    expect([applied].flat().map((a) => a.status)).toEqual(changes.map(() => 'applied'));
  }

  /** Like run, without blocking this process's event loop (for servers the test itself runs). */
  runAsync(...args: string[]): Promise<CliResult> {
    return new Promise((resolve) => {
      const child = this.spawnCli(args);
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  spawnCli(args: readonly string[]): ChildProcess {
    return spawn(process.execPath, [BULWARK_BIN, ...args], { env: this.env(), cwd: this.home, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Runs as the named identity and returns the parsed --json output; fails the test on a non-zero exit. */
  json<T>(who: string, ...args: string[]): T {
    const res = this.run(...args, '--identity', this.file(who), '--json');
    expect(res.code, res.stderr).toBe(0);
    return JSON.parse(res.stdout) as T;
  }

  as(who: string, ...args: string[]): CliResult {
    return this.run(...args, '--identity', this.file(who));
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
