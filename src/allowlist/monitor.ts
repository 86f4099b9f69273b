import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { systemClock, type Clock } from '../core/clock.js';
import { BulwarkError } from '../core/errors.js';
import type { AllowlistService, MissingComponent } from './allowlist.js';
import { hashFile, type ProgramComponent } from './identity.js';
import { findScriptArgument, interpreterFamilyOf } from './interpreters.js';
import { appendOrRefuse, type AllowlistAuditSink } from './ports.js';
import { listPids, readCgroup, readCmdline, readCwd, readExe, readProcInfo, readUids, type ProcInfo } from './proc.js';

export const DEFAULT_MONITOR_INTERVAL_MS = 200;
/** Never stopped, whatever the allowlist says: stopping them is how lockdown bricks a machine. */
export const KEEP_ALIVE_NAMES: readonly string[] = ['sshd', 'systemd', 'init', 'bulwark'];

export const MONITOR_MODES = ['monitor', 'lockdown'] as const;
export type MonitorMode = (typeof MONITOR_MODES)[number];
export const MONITOR_ACTIONS = ['reported', 'killed', 'kill-failed'] as const;
export type MonitorAction = (typeof MONITOR_ACTIONS)[number];
export type MonitorScope =
  | { readonly kind: 'uid'; readonly uid: number }
  | { readonly kind: 'cgroup'; readonly path: string }
  | { readonly kind: 'pid-tree'; readonly pid: number };

/** `uid:N`, `cgroup:/PATH` or `pid-tree:PID`. There is no system-wide scope: it must be chosen. */
export function parseMonitorScope(text: string): MonitorScope {
  const match = /^(uid|cgroup|pid-tree):(.+)$/.exec(text);
  const invalid = new BulwarkError('ALLOWLIST_SCOPE_INVALID', 'Give an explicit scope: uid:N, cgroup:/PATH or pid-tree:PID.');
  if (match === null) throw invalid;
  const [, kind, value] = match as unknown as [string, 'uid' | 'cgroup' | 'pid-tree', string];
  if (kind === 'uid') {
    if (!/^\d{1,10}$/.test(value)) throw invalid;
    return { kind: 'uid', uid: Number(value) };
  }
  if (kind === 'pid-tree') {
    if (!/^\d{1,10}$/.test(value) || Number(value) <= 1) throw invalid;
    return { kind: 'pid-tree', pid: Number(value) };
  }
  if (!value.startsWith('/') || value === '/' || value.includes('\0')) throw invalid;
  return { kind: 'cgroup', path: value.replace(/\/+$/, '') };
}

export interface UnknownProcess {
  readonly pid: number;
  readonly ppid: number;
  /** Real uid, null when /proc no longer says. */
  readonly uid: number | null;
  readonly mode: MonitorMode;
  readonly exe: string;
  /** SHA-256 of the running executable (/proc/PID/exe). */
  readonly sha256: string;
  readonly cmdline: readonly string[];
  /** What is not allowlisted; `reason` when the command runs code that cannot be hashed at all. */
  readonly missing: readonly MissingComponent[];
  readonly reason: string | null;
  readonly action: MonitorAction;
}

export interface ProcessMonitorOptions {
  readonly scope: MonitorScope;
  readonly mode: MonitorMode;
  readonly allowlist: Pick<AllowlistService, 'check'>;
  readonly audit: AllowlistAuditSink;
  readonly intervalMs?: number;
  readonly clock?: Clock;
  /** Extra process names never to stop (the CLI adds the shell that started it by pid, see keepAlivePids). */
  readonly keepAliveNames?: readonly string[];
  readonly keepAlivePids?: readonly number[];
  /** Called for each unknown process once (per pid and start time). */
  readonly onUnknown?: (report: UnknownProcess) => void;
  /** Audit and scan failures; the monitor keeps going. */
  readonly onError?: (error: unknown) => void;
  readonly procRoot?: string;
}

export interface ProcessMonitor {
  /** One pass over /proc; the timer calls it, tests may too. */
  scan(): Promise<UnknownProcess[]>;
  stop(): void;
}

export async function startProcessMonitor(options: ProcessMonitorOptions): Promise<ProcessMonitor> {
  const procRoot = options.procRoot ?? '/proc';
  if (!(await stat(join(procRoot, 'self', 'stat')).catch(() => null))) {
    throw new BulwarkError('ALLOWLIST_MONITOR_UNSUPPORTED', 'The process monitor needs Linux /proc.');
  }
  const clock = options.clock ?? systemClock;
  const seen = new Set<string>();
  const hashes = new Map<string, string>();
  const keepNames = new Set([...KEEP_ALIVE_NAMES, ...(options.keepAliveNames ?? [])]);
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<UnknownProcess[]> | null = null;

  async function scanOnce(): Promise<UnknownProcess[]> {
    const procs = new Map<number, ProcInfo>();
    for (const pid of await listPids(procRoot)) {
      const info = await readProcInfo(procRoot, pid);
      if (info !== null) procs.set(pid, info);
    }
    const protectedPids = keepAlivePids(procs, process.pid, options.keepAlivePids ?? []);
    for (const key of seen) if (!procs.has(Number(key.split(':')[0]))) seen.delete(key);
    const reports: UnknownProcess[] = [];
    for (const info of procs.values()) {
      const key = `${info.pid}:${info.startTime}`;
      if (seen.has(key) || protectedPids.has(info.pid) || keepNames.has(info.comm)) continue;
      if (!(await inScope(procRoot, options.scope, info, procs))) continue;
      const verdict = await judge(procRoot, info.pid, options.allowlist, hashes);
      if (verdict === null) continue;
      // Judged once per process: an allowed process stays allowed (allowlist changes apply to new ones).
      seen.add(key);
      if ((verdict.missing.length === 0 && verdict.reason === null) || keepNames.has(basename(verdict.exe))) continue;
      const action = options.mode === 'lockdown' ? await stopProcess(procRoot, info) : 'reported';
      const uid = (await readUids(procRoot, info.pid))?.[0] ?? null;
      const report: UnknownProcess = { pid: info.pid, ppid: info.ppid, uid, mode: options.mode, ...verdict, action };
      reports.push(report);
      await appendOrRefuse(options.audit, {
        type: action === 'reported' ? 'allowlist.unknown_process' : 'allowlist.process_killed',
        actor: null,
        subject: verdict.exe,
        time: clock.now(),
        details: {
          pid: info.pid,
          ppid: info.ppid,
          uid,
          sha256: verdict.sha256,
          mode: options.mode,
          action,
          cmdline: [...verdict.cmdline],
          reason: verdict.reason,
          missing: verdict.missing.map((m) => ({ ...m })),
        },
      }).catch((error: unknown) => options.onError?.(error));
      options.onUnknown?.(report);
    }
    return reports;
  }

  const scan = (): Promise<UnknownProcess[]> => {
    running ??= scanOnce().finally(() => {
      running = null;
    });
    return running;
  };
  const tick = (): void => {
    if (stopped) return;
    scan()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs ?? DEFAULT_MONITOR_INTERVAL_MS);
      });
  };
  tick();
  return {
    scan,
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
    },
  };
}

/** pid 1, the kernel's threads (children of pid 2), this process, every ancestor of it (the shell that started it) and any extra pids. */
export function keepAlivePids(procs: ReadonlyMap<number, ProcInfo>, self: number, extra: readonly number[]): Set<number> {
  const keep = new Set<number>([1, 2, ...extra]);
  for (let pid: number | undefined = self; pid !== undefined && pid > 0 && !keep.has(pid); pid = procs.get(pid)?.ppid) keep.add(pid);
  keep.add(self);
  for (const info of procs.values()) if (info.ppid === 2) keep.add(info.pid);
  return keep;
}

async function inScope(procRoot: string, scope: MonitorScope, info: ProcInfo, procs: ReadonlyMap<number, ProcInfo>): Promise<boolean> {
  switch (scope.kind) {
    case 'uid':
      return (await readUids(procRoot, info.pid))?.includes(scope.uid) ?? false;
    case 'cgroup': {
      const cgroup = await readCgroup(procRoot, info.pid);
      return cgroup !== null && (cgroup === scope.path || cgroup.startsWith(`${scope.path}/`));
    }
    case 'pid-tree': {
      const visited = new Set<number>();
      for (let pid: number | undefined = info.pid; pid !== undefined && pid > 1 && !visited.has(pid); pid = procs.get(pid)?.ppid) {
        if (pid === scope.pid) return true;
        visited.add(pid);
      }
      return false;
    }
  }
}

/**
 * Hashes /proc/PID/exe (the inode the process actually runs, even if the path was replaced since)
 * and, for interpreters, the script on its command line. null when the process is gone or unreadable.
 */
async function judge(
  procRoot: string,
  pid: number,
  allowlist: Pick<AllowlistService, 'check'>,
  hashes: Map<string, string>,
): Promise<{ exe: string; sha256: string; cmdline: string[]; missing: MissingComponent[]; reason: string | null } | null> {
  const exe = await readExe(procRoot, pid);
  if (exe === null) return null;
  const cmdline = await readCmdline(procRoot, pid);
  const exeHash = await hashCached(join(procRoot, String(pid), 'exe'), hashes);
  if (exeHash === null) return null;
  const family = interpreterFamilyOf(basename(exe));
  const components: ProgramComponent[] = [{ role: family === null ? 'executable' : 'interpreter', path: exe, requestedAs: cmdline[0] ?? exe, sha256: exeHash, size: 0 }];
  let reason: string | null = null;
  if (family !== null) {
    const script = findScriptArgument(family, cmdline.slice(1));
    if (script.kind === 'refused') reason = script.reason;
    if (script.kind === 'script') {
      const cwd = (await readCwd(procRoot, pid)) ?? '/';
      const path = resolve(cwd, script.path);
      const sha256 = await hashCached(path, hashes);
      components.push({ role: 'script', path, requestedAs: script.path, sha256: sha256 ?? 'unreadable', size: 0 });
    }
  }
  const check = await allowlist.check({ components });
  return { exe, sha256: exeHash, cmdline, missing: [...check.missing], reason };
}

async function hashCached(path: string, cache: Map<string, string>): Promise<string | null> {
  const info = await stat(path).catch(() => null);
  if (info === null || !info.isFile()) return null;
  const key = `${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const hashed = await hashFile(path).catch(() => null);
  if (hashed !== null) cache.set(key, hashed.sha256);
  return hashed?.sha256 ?? null;
}

/** SIGKILL, after checking the pid still names the same process (pid reuse). */
async function stopProcess(procRoot: string, info: ProcInfo): Promise<'killed' | 'kill-failed'> {
  const now = await readProcInfo(procRoot, info.pid);
  if (now === null || now.startTime !== info.startTime) return 'kill-failed';
  try {
    process.kill(info.pid, 'SIGKILL');
    return 'killed';
  } catch {
    return 'kill-failed';
  }
}
