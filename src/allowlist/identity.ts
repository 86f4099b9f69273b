import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { access, open, realpath, stat } from 'node:fs/promises';
import { basename, delimiter, isAbsolute, resolve } from 'node:path';
import { BulwarkError } from '../core/errors.js';
import { findScriptArgument, interpreterFamilyOf } from './interpreters.js';

/** How a file takes part in running a command. */
export type ComponentRole = 'executable' | 'interpreter' | 'script';

/** One file that will run, identified by its contents. */
export interface ProgramComponent {
  readonly role: ComponentRole;
  /** Real path: symlinks followed. */
  readonly path: string;
  /** What the command line said (`python3`, `./run.sh`). */
  readonly requestedAs: string;
  readonly sha256: string;
  readonly size: number;
}

/** Every file a command will run; all of them must be allowlisted. */
export interface ProgramIdentity {
  /** The real path of the file the kernel will exec (what the exec gate spawns). */
  readonly executable: string;
  readonly args: readonly string[];
  readonly components: readonly ProgramComponent[];
}

export interface ResolveOptions {
  /** Relative commands and scripts resolve from here. */
  readonly cwd: string;
  /** The PATH the command would be looked up in; an empty entry (the cwd) is never searched. */
  readonly path: string;
}

/** Linux follows at most this many nested `#!` interpreters (BINPRM_MAX_RECURSION). */
const MAX_INTERPRETER_DEPTH = 4;
/** Linux reads the `#!` line from the first 256 bytes (BINPRM_BUF_SIZE). */
const SHEBANG_BYTES = 256;
export const DEFAULT_EXEC_PATH = '/usr/local/bin:/usr/bin:/bin';

/**
 * Environment variables that make a program load code that is not on its command line (preloads,
 * module search paths, startup files, exported shell functions). Their presence refuses the exec:
 * the hashes would say nothing about what actually runs.
 */
const CODE_LOADING_ENV = [
  'LD_PRELOAD', 'LD_LIBRARY_PATH', 'LD_AUDIT', 'GCONV_PATH',
  'NODE_OPTIONS', 'NODE_PATH', 'NODE_REPL_EXTERNAL_MODULE',
  'PYTHONPATH', 'PYTHONHOME', 'PYTHONSTARTUP', 'PYTHONINSPECT', 'PYTHONWARNINGS', 'PYTHONBREAKPOINT', 'PYTHONUSERBASE',
  'PERL5LIB', 'PERLLIB', 'PERL5OPT', 'PERL5DB',
  'RUBYLIB', 'RUBYOPT',
  'BASH_ENV', 'ENV', 'SHELLOPTS', 'BASHOPTS', 'PS4',
] as const;

/** Names of code-loading variables set in `env` (including exported bash functions). */
export function codeLoadingVariables(env: Readonly<Record<string, string | undefined>>): string[] {
  return Object.keys(env)
    .filter((name) => env[name] !== undefined)
    .filter((name) => (CODE_LOADING_ENV as readonly string[]).includes(name) || name.startsWith('BASH_FUNC_'))
    .sort();
}

/** Streamed SHA-256 and size of a file's contents. */
export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Resolves `command args` to every file that will run: the executable (PATH lookup, symlinks
 * followed), any `#!` interpreters, and for known interpreters the script they are asked to run.
 * Throws ALLOWLIST_UNVERIFIABLE_CODE for code that cannot be hashed (inline `-c`/`-e`, a module by
 * name, stdin) and ALLOWLIST_PROGRAM_NOT_FOUND / ALLOWLIST_PROGRAM_UNSAFE for files it cannot trust.
 */
export async function resolveProgramIdentity(command: string, args: readonly string[], options: ResolveOptions): Promise<ProgramIdentity> {
  const executable = await lookUpCommand(command, options);
  const components: ProgramComponent[] = [];
  await identifyExec(executable, command, args, options, components, 0);
  return { executable, args: [...args], components: dedupe(components) };
}

async function identifyExec(
  file: string,
  requestedAs: string,
  args: readonly string[],
  options: ResolveOptions,
  out: ProgramComponent[],
  depth: number,
): Promise<void> {
  if (depth > MAX_INTERPRETER_DEPTH) throw unverifiable(`${requestedAs} nests more than ${MAX_INTERPRETER_DEPTH} interpreters`);
  const shebang = await readShebang(file);
  if (shebang !== null) {
    out.push(await componentOf('script', file, requestedAs));
    const interpreter = await realFile(shebang.interpreter, shebang.interpreter);
    const interpreterArgs = [...(shebang.argument === null ? [] : [shebang.argument]), file, ...args];
    await identifyExec(interpreter, shebang.interpreter, interpreterArgs, options, out, depth + 1);
    return;
  }
  const name = basename(file);
  if (name === 'env') {
    out.push(await componentOf('interpreter', file, requestedAs));
    const { command, rest } = parseEnvArguments(args);
    await identifyExec(await lookUpCommand(command, options), command, rest, options, out, depth + 1);
    return;
  }
  const family = interpreterFamilyOf(name);
  if (family === null) {
    out.push(await componentOf('executable', file, requestedAs));
    return;
  }
  out.push(await componentOf('interpreter', file, requestedAs));
  const script = findScriptArgument(family, args);
  switch (script.kind) {
    case 'refused':
      throw unverifiable(`${requestedAs}: ${script.reason}`);
    case 'none':
      return;
    case 'script':
      out.push(await componentOf('script', await realFile(resolve(options.cwd, script.path), script.path), script.path));
      return;
  }
}

/** `env [-i] [-u NAME] [-S STRING] [NAME=VALUE]... COMMAND ARGS`; options that change cwd or are unknown are refused. */
function parseEnvArguments(args: readonly string[]): { command: string; rest: string[] } {
  const queue = [...args];
  while (queue.length > 0) {
    const arg = queue.shift()!;
    if (arg === '-i' || arg === '-' || arg === '--ignore-environment' || arg === '-0') continue;
    if (arg === '--') break;
    if (arg === '-u' || arg === '--unset') {
      queue.shift();
      continue;
    }
    if (arg === '-S' || arg.startsWith('-S')) {
      const split = arg === '-S' ? (queue.shift() ?? '') : arg.slice(2);
      queue.unshift(...split.split(/[ \t]+/).filter((w) => w.length > 0));
      continue;
    }
    if (arg.startsWith('-')) throw unverifiable(`env option ${arg} is not known to be safe`);
    const eq = arg.indexOf('=');
    if (eq > 0) {
      const loading = codeLoadingVariables({ [arg.slice(0, eq)]: arg.slice(eq + 1) });
      if (loading.length > 0) throw unverifiable(`env sets ${loading.join(', ')}, which loads code that is not hashed`);
      continue;
    }
    return { command: arg, rest: queue };
  }
  const command = queue.shift();
  if (command === undefined) throw unverifiable('env is given no command');
  return { command, rest: queue };
}

async function readShebang(file: string): Promise<{ interpreter: string; argument: string | null } | null> {
  const handle = await open(file, 'r').catch((error: unknown) => {
    throw notFound(file, error);
  });
  try {
    const buffer = Buffer.alloc(SHEBANG_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SHEBANG_BYTES, 0);
    if (bytesRead < 2 || buffer[0] !== 0x23 || buffer[1] !== 0x21) return null;
    const end = buffer.subarray(0, bytesRead).indexOf(0x0a);
    const line = buffer.subarray(2, end === -1 ? bytesRead : end).toString('latin1').trim();
    // Linux passes everything after the interpreter as one argument (binfmt_script.c).
    const match = /^(\S+)(?:[ \t]+(.*))?$/.exec(line);
    if (match === null) throw unverifiable(`${file} has an empty #! line`);
    const interpreter = match[1]!;
    if (!isAbsolute(interpreter)) throw unverifiable(`${file} names a relative #! interpreter`);
    const argument = match[2]?.trim();
    return { interpreter, argument: argument === undefined || argument === '' ? null : argument };
  } finally {
    await handle.close();
  }
}

/** PATH lookup like execvp, but never in the current directory unless the command names a path. */
export async function lookUpCommand(command: string, options: ResolveOptions): Promise<string> {
  if (command.length === 0) throw notFound(command);
  if (command.includes('/')) return realFile(resolve(options.cwd, command), command);
  for (const dir of options.path.split(delimiter)) {
    if (dir === '' || !isAbsolute(dir)) continue;
    const candidate = resolve(dir, command);
    try {
      await access(candidate, constants.X_OK);
      if ((await stat(candidate)).isFile()) return realFile(candidate, command);
    } catch {
      // Not in this directory; keep looking, like execvp.
    }
  }
  throw notFound(command);
}

async function realFile(path: string, requestedAs: string): Promise<string> {
  try {
    const real = await realpath(path);
    if (!(await stat(real)).isFile()) throw notFound(requestedAs);
    return real;
  } catch (error) {
    throw error instanceof BulwarkError ? error : notFound(requestedAs, error);
  }
}

/**
 * Threat: a file that others may write could be swapped between the hash and the exec. Refusing
 * group/world-writable files leaves only the owner (and root) able to race the check.
 */
async function componentOf(role: ComponentRole, path: string, requestedAs: string): Promise<ProgramComponent> {
  const info = await stat(path).catch((error: unknown) => {
    throw notFound(requestedAs, error);
  });
  if ((info.mode & 0o022) !== 0) {
    throw new BulwarkError('ALLOWLIST_PROGRAM_UNSAFE', `${path} is writable by group or others; it could change after it is checked.`);
  }
  const { sha256, size } = await hashFile(path).catch((error: unknown) => {
    throw notFound(requestedAs, error);
  });
  return { role, path, requestedAs, sha256, size };
}

function dedupe(components: readonly ProgramComponent[]): ProgramComponent[] {
  const seen = new Set<string>();
  return components.filter((c) => {
    const key = `${c.path}\0${c.sha256}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function unverifiable(reason: string): BulwarkError {
  return new BulwarkError('ALLOWLIST_UNVERIFIABLE_CODE', `Refused: ${reason}.`);
}

function notFound(what: string, cause?: unknown): BulwarkError {
  return new BulwarkError('ALLOWLIST_PROGRAM_NOT_FOUND', `Cannot find or read ${what === '' ? 'an empty command' : what} as a regular file.`, { cause });
}
