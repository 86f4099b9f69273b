import { chmodSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BulwarkError } from '../core/errors.js';
import { sha256Hex } from '../core/hash.js';
import { codeLoadingVariables, hashFile, resolveProgramIdentity } from './identity.js';
import { findScriptArgument } from './interpreters.js';

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'bulwark-identity-')));
const opts = { cwd: dir, path: '/usr/local/bin:/usr/bin:/bin' };
const NODE = realpathSync(process.execPath);

function file(name: string, text: string, mode = 0o755): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

async function refusal(promise: Promise<unknown>): Promise<BulwarkError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(BulwarkError);
  return error as BulwarkError;
}

describe('resolveProgramIdentity', () => {
  it('follows PATH and symlinks to the real file and hashes its contents', async () => {
    const id = await resolveProgramIdentity('node', ['--version'], { ...opts, path: `/nonexistent:${join(NODE, '..')}` });
    expect(id.executable).toBe(NODE);
    expect(id.components).toEqual([{ role: 'interpreter', path: NODE, requestedAs: 'node', ...(await hashFile(NODE)) }]);
  });

  it('hashes the script an interpreter is asked to run, resolved from cwd through symlinks', async () => {
    const script = file('job.js', 'process.stdout.write("1")\n', 0o644);
    symlinkSync(script, join(dir, 'link.js'));
    const id = await resolveProgramIdentity(NODE, ['--no-warnings', 'link.js', '--flag-for-script'], opts);
    expect(id.components.map((c) => [c.role, c.path])).toEqual([
      ['interpreter', NODE],
      ['script', script],
    ]);
    expect(id.components[1]!.sha256).toBe(sha256Hex('process.stdout.write("1")\n'));
  });

  it('follows #! lines, including /usr/bin/env, to the interpreter', async () => {
    const script = file('tool', '#!/usr/bin/env node\nprocess.stdout.write("2")\n');
    const id = await resolveProgramIdentity('./tool', ['x'], { ...opts, path: join(NODE, '..') });
    expect(id.executable).toBe(script);
    expect(id.components.map((c) => [c.role, c.path])).toEqual([
      ['script', script],
      ['interpreter', realpathSync('/usr/bin/env')],
      ['interpreter', NODE],
    ]);
  });

  it('refuses inline code, modules by name and stdin, whatever the interpreter', async () => {
    for (const [cmd, args] of [
      [NODE, ['-e', '1']],
      [NODE, ['--require', 'x', 'job.js']],
      [NODE, []],
      ['sh', ['-c', 'true']],
      ['sh', ['-ec', 'true']],
      ['sh', ['-s']],
      ['perl', ['-e', '1']],
      ['perl', ['-MPOSIX', 'job.js']],
    ] as const) {
      expect((await refusal(resolveProgramIdentity(cmd, args, opts))).code, `${cmd} ${args.join(' ')}`).toBe('ALLOWLIST_UNVERIFIABLE_CODE');
    }
  });

  it('refuses a group- or world-writable program: it could change after the check', async () => {
    const script = file('loose.sh', '#!/bin/sh\ntrue\n', 0o777);
    chmodSync(script, 0o777);
    expect((await refusal(resolveProgramIdentity(script, [], opts))).code).toBe('ALLOWLIST_PROGRAM_UNSAFE');
  });

  it('names a missing command or script', async () => {
    expect((await refusal(resolveProgramIdentity('no-such-command-xyz', [], opts))).code).toBe('ALLOWLIST_PROGRAM_NOT_FOUND');
    expect((await refusal(resolveProgramIdentity(NODE, ['missing.js'], opts))).code).toBe('ALLOWLIST_PROGRAM_NOT_FOUND');
  });
});

describe('findScriptArgument', () => {
  it('skips options and their values to find the script', () => {
    expect(findScriptArgument('python', ['-u', '-W', 'ignore', '-X', 'dev', 'train.py', '-c'])).toEqual({ kind: 'script', path: 'train.py', index: 5 });
    expect(findScriptArgument('python', ['-Wignore', 'train.py'])).toEqual({ kind: 'script', path: 'train.py', index: 1 });
    expect(findScriptArgument('shell', ['-e', '-o', 'pipefail', 'run.sh'])).toEqual({ kind: 'script', path: 'run.sh', index: 3 });
    expect(findScriptArgument('node', ['--max-old-space-size=4096', '--', 'a.js'])).toEqual({ kind: 'script', path: 'a.js', index: 2 });
  });

  it('refuses python -m (module by name: sys.path is the caller\'s to choose) and -c, even inside a cluster', () => {
    expect(findScriptArgument('python', ['-m', 'http.server']).kind).toBe('refused');
    expect(findScriptArgument('python', ['-uc', 'print(1)']).kind).toBe('refused');
    expect(findScriptArgument('ruby', ['-rsocket', 'a.rb']).kind).toBe('refused');
    expect(findScriptArgument('python', ['--unknown-flag', 'a.py']).kind).toBe('refused');
  });

  it('treats version queries as running no code', () => {
    expect(findScriptArgument('python', ['-V'])).toEqual({ kind: 'none' });
  });
});

describe('codeLoadingVariables', () => {
  it('names variables that load code behind the hashes', () => {
    expect(codeLoadingVariables({ PATH: '/bin', NODE_OPTIONS: '--require x', LD_PRELOAD: '/x.so', 'BASH_FUNC_ls%%': '() { :; }', HOME: undefined })).toEqual([
      'BASH_FUNC_ls%%',
      'LD_PRELOAD',
      'NODE_OPTIONS',
    ]);
  });
});
