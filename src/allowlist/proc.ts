import { readFile, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';

/** What the monitor reads about one process from /proc. Every field is attacker-influenced text. */
export interface ProcInfo {
  readonly pid: number;
  readonly ppid: number;
  /** Clock ticks since boot; with the pid it names one process even if the pid is reused. */
  readonly startTime: string;
  readonly comm: string;
}

export async function listPids(procRoot: string): Promise<number[]> {
  const names = await readdir(procRoot);
  return names.filter((n) => /^\d+$/.test(n)).map(Number);
}

/**
 * Parses /proc/PID/stat (proc(5)). `comm` may hold spaces and parentheses, so the fields after it are
 * found from the *last* ')'.
 */
export async function readProcInfo(procRoot: string, pid: number): Promise<ProcInfo | null> {
  const text = await readFile(join(procRoot, String(pid), 'stat'), 'utf8').catch(() => null);
  if (text === null) return null;
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open === -1 || close < open) return null;
  const fields = text.slice(close + 2).split(' ');
  const ppid = Number(fields[1]);
  const startTime = fields[19];
  if (!Number.isInteger(ppid) || startTime === undefined) return null;
  return { pid, ppid, startTime, comm: text.slice(open + 1, close) };
}

/** Real and effective uid from /proc/PID/status. */
export async function readUids(procRoot: string, pid: number): Promise<number[] | null> {
  const text = await readFile(join(procRoot, String(pid), 'status'), 'utf8').catch(() => null);
  const line = text?.split('\n').find((l) => l.startsWith('Uid:'));
  if (line === undefined) return null;
  return line.slice(4).trim().split(/\s+/).slice(0, 2).map(Number);
}

/** cgroup v2 path (`0::/path`) of the process, or null. */
export async function readCgroup(procRoot: string, pid: number): Promise<string | null> {
  const text = await readFile(join(procRoot, String(pid), 'cgroup'), 'utf8').catch(() => null);
  const line = text?.split('\n').find((l) => l.startsWith('0::'));
  return line === undefined ? null : line.slice(3);
}

export async function readCmdline(procRoot: string, pid: number): Promise<string[]> {
  const raw = await readFile(join(procRoot, String(pid), 'cmdline')).catch(() => null);
  if (raw === null || raw.length === 0) return [];
  const parts = raw.toString('utf8').split('\0');
  if (parts.at(-1) === '') parts.pop();
  return parts;
}

/** The executable path, without the ` (deleted)` suffix the kernel adds for unlinked files; null for kernel threads. */
export async function readExe(procRoot: string, pid: number): Promise<string | null> {
  const target = await readlink(join(procRoot, String(pid), 'exe')).catch(() => null);
  return target === null ? null : target.replace(/ \(deleted\)$/, '');
}

export async function readCwd(procRoot: string, pid: number): Promise<string | null> {
  return readlink(join(procRoot, String(pid), 'cwd')).catch(() => null);
}
