import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store/types.js';
import { createAllowlistService, type AllowlistService } from './allowlist.js';
import { hashFile } from './identity.js';
import { parseMonitorScope, startProcessMonitor, type ProcessMonitor, type ProcessMonitorOptions, type UnknownProcess } from './monitor.js';
import { RecordingAudit, allowlistFiles, openTestStore } from './testing/fixture.js';

// A dedicated uid per test: nothing else on the machine runs as these.
const UIDS = { monitor: 47_001, lockdown: 47_002, outside: 47_003 };
const isRoot = process.getuid?.() === 0;
const dir = realpathSync(mkdtempSync(join(tmpdir(), 'bulwark-monitor-')));
chmodSync(dir, 0o755);
const MYSTERY = join(dir, 'mystery-sleeper');
copyFileSync(realpathSync('/bin/sleep'), MYSTERY);
chmodSync(MYSTERY, 0o755);

let store: Store;
let audit: RecordingAudit;
let allowlist: AllowlistService;
const children: ChildProcess[] = [];
const monitors: ProcessMonitor[] = [];
const stores: Store[] = [];

beforeEach(async () => {
  store = await openTestStore();
  stores.push(store);
  audit = new RecordingAudit();
  allowlist = createAllowlistService({ db: store.db, audit, keys: { find: async () => null } });
  // The test runner itself and the shell are known: only the mystery binary is not.
  await allowlistFiles(store, [realpathSync(process.execPath), realpathSync('/bin/sh')]);
});
afterEach(() => {
  for (const m of monitors.splice(0)) m.stop();
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
afterAll(async () => Promise.all(stores.map((s) => s.close())));

function startChild(command: string, args: string[], uid?: number): ChildProcess {
  const child = spawn(command, args, { stdio: 'ignore', detached: true, ...(uid === undefined ? {} : { uid, gid: uid }) });
  children.push(child);
  return child;
}

async function monitor(options: Partial<ProcessMonitorOptions> & Pick<ProcessMonitorOptions, 'scope' | 'mode'>): Promise<UnknownProcess[]> {
  const reports: UnknownProcess[] = [];
  monitors.push(await startProcessMonitor({ allowlist, audit, onUnknown: (r) => reports.push(r), ...options }));
  return reports;
}

async function within(ms: number, condition: () => boolean): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return condition();
}

const alive = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null;

describe('parseMonitorScope', () => {
  it('accepts explicit scopes only: never system-wide by default', () => {
    expect(parseMonitorScope('uid:1000')).toEqual({ kind: 'uid', uid: 1000 });
    expect(parseMonitorScope('cgroup:/system.slice/trainer.service/')).toEqual({ kind: 'cgroup', path: '/system.slice/trainer.service' });
    expect(parseMonitorScope('pid-tree:4242')).toEqual({ kind: 'pid-tree', pid: 4242 });
    for (const bad of ['', 'all', 'uid:', 'uid:x', 'cgroup:/', 'cgroup:relative', 'pid-tree:1']) {
      expect(() => parseMonitorScope(bad), bad).toThrow(expect.objectContaining({ code: 'ALLOWLIST_SCOPE_INVALID' }));
    }
  });
});

// Skipped reason: starting processes under dedicated uids needs root. CI and the dev machines run as root;
// under CI=true this acceptance test is never skipped (without root it fails on the uid switch instead).
describe.skipIf(!isRoot && process.env.CI !== 'true')('process monitor (dedicated uids; needs root to start them)', () => { // skip reason: not root, outside CI
  it('monitor mode reports an unknown executable in its uid within 2 s and leaves it running', async () => {
    const reports = await monitor({ scope: { kind: 'uid', uid: UIDS.monitor }, mode: 'monitor' });
    const child = startChild(MYSTERY, ['30'], UIDS.monitor);
    expect(await within(2000, () => reports.some((r) => r.pid === child.pid))).toBe(true);
    const mysterySha = (await hashFile(MYSTERY)).sha256;
    expect(reports.find((r) => r.pid === child.pid)).toMatchObject({ exe: MYSTERY, sha256: mysterySha, uid: UIDS.monitor, mode: 'monitor', action: 'reported', missing: [{ role: 'executable', path: MYSTERY }] });
    expect(audit.events.find((e) => e.type === 'allowlist.unknown_process')?.details).toMatchObject({ pid: child.pid, uid: UIDS.monitor, sha256: mysterySha, mode: 'monitor' });
    expect(alive(child)).toBe(true);
  });

  it('lockdown stops it, and never touches the same binary outside the scope', async () => {
    const outsideUid = startChild(MYSTERY, ['30'], UIDS.outside);
    const outsideRoot = startChild(MYSTERY, ['30']);
    const reports = await monitor({ scope: { kind: 'uid', uid: UIDS.lockdown }, mode: 'lockdown' });
    const inside = startChild(MYSTERY, ['30'], UIDS.lockdown);
    const exited = new Promise<NodeJS.Signals | null>((r) => inside.once('exit', (_code, signal) => r(signal)));
    expect(await within(2000, () => !alive(inside))).toBe(true);
    expect(await exited).toBe('SIGKILL');
    // The report follows the kill (it waits for the audit append), so on a busy machine it can trail it.
    expect(await within(2000, () => reports.length > 0)).toBe(true);
    expect(reports).toMatchObject([{ pid: inside.pid, action: 'killed' }]);
    expect(audit.types()).toEqual(['allowlist.process_killed']);
    expect(alive(outsideUid) && alive(outsideRoot)).toBe(true);
  });

  it('pid-tree lockdown stops an unknown child of an allowlisted shell script but not the shell', async () => {
    const script = join(dir, 'run.sh');
    writeFileSync(script, `${MYSTERY} 30\n${MYSTERY} 30\n`, { mode: 0o644 });
    await allowlistFiles(store, [script]);
    const shell = startChild('/bin/sh', [script]);
    const sibling = startChild(MYSTERY, ['30']);
    const reports = await monitor({ scope: { kind: 'pid-tree', pid: shell.pid! }, mode: 'lockdown' });
    expect(await within(2000, () => reports.filter((r) => r.exe === MYSTERY).length === 2)).toBe(true);
    expect(reports.every((r) => r.ppid === shell.pid && r.action === 'killed')).toBe(true);
    // The shell was never signalled: it ends on its own once its children are gone.
    expect(await within(2000, () => !alive(shell))).toBe(true);
    expect(shell.signalCode).toBe(null);
    expect(alive(sibling)).toBe(true);
  });

  it('reports a shell running inline code (-c) in scope: its code cannot be hashed', async () => {
    const shell = startChild('/bin/sh', ['-c', `${MYSTERY} 30`]);
    const reports = await monitor({ scope: { kind: 'pid-tree', pid: shell.pid! }, mode: 'monitor' });
    expect(await within(2000, () => reports.some((r) => r.pid === shell.pid))).toBe(true);
    expect(reports.find((r) => r.pid === shell.pid)?.reason).toMatch(/inline code/);
  });

  it('never reports itself, its ancestors or pid 1, even with nothing allowlisted', async () => {
    const empty = await openTestStore();
    stores.push(empty);
    const bare = createAllowlistService({ db: empty.db, audit, keys: { find: async () => null } });
    const m = await startProcessMonitor({ allowlist: bare, audit, scope: { kind: 'uid', uid: 0 }, mode: 'monitor', intervalMs: 60_000 });
    monitors.push(m);
    const reported = new Set((await m.scan()).map((r) => r.pid));
    for (const pid of [1, process.pid, process.ppid]) expect(reported.has(pid), String(pid)).toBe(false);
  });
});
