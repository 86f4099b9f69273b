import { mkdir, realpath, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { canonicalize } from '../../access/canonical-json.js';
import type { SigningIdentity } from '../../access/index.js';
import {
  ALLOWLIST_CALL_HEADER,
  allowlistChangeSchema,
  entrySpecForFile,
  exportAllowlist,
  hashFile,
  parseAllowlistPayload,
  parseExportFormat,
  parseMonitorScope,
  signAllowlistApproval,
  signAllowlistCall,
  signAllowlistChange,
  startProcessMonitor,
  type AllowlistAuditSink,
  type AllowlistCheck,
  type AllowlistEntry,
  type AllowlistService,
  type ProgramComponent,
} from '../../allowlist/index.js';
import { BulwarkError } from '../../core/errors.js';
import { sha256Hex } from '../../core/hash.js';
import { callJson, serverUrlOf } from '../api-client.js';
import { emit } from '../output.js';
import { clientContext, withClientFlags, type ClientCommandFlags } from './client-flags.js';

interface PendingView {
  readonly id: string;
  readonly status: 'pending';
  readonly digest: string;
  readonly change: { payload: unknown; signature: string };
  readonly approvals: number;
  readonly requiredApprovals: number;
}

interface AppliedView {
  readonly id: string;
  readonly status: 'applied';
  readonly changeId: string;
  readonly op: 'add' | 'remove';
  readonly entry: AllowlistEntry;
}

/** The server's allowlist check, for a monitor running on this host. */
export function remoteAllowlist(base: string): Pick<AllowlistService, 'check'> {
  return {
    check: (identity) =>
      callJson<AllowlistCheck>(base, 'POST', '/api/allowlist/check', {
        body: { components: identity.components.map((c) => ({ role: c.role, path: c.path, requestedAs: c.requestedAs, sha256: c.sha256, size: c.size })) },
      }),
  };
}

/** Client events go to the server's audit log, signed: the client has no log of its own. */
export function remoteAuditSink(base: string, identity: SigningIdentity): AllowlistAuditSink {
  return {
    async append(event) {
      const body = { type: event.type, subject: event.subject, details: event.details };
      const header = signAllowlistCall(identity, 'allowlist.report', sha256Hex(canonicalize(body)), Date.now());
      return callJson(base, 'POST', '/api/allowlist/reports', { body, headers: { [ALLOWLIST_CALL_HEADER]: header } });
    },
  };
}

/**
 * The program that receives the plaintext on `vault get`: this CLI itself. The node binary, the
 * bin/bulwark.js launcher it was started with, and the dist entry the launcher loads.
 */
export async function cliProgramComponents(): Promise<ProgramComponent[]> {
  const entry = join(dirname(fileURLToPath(import.meta.url)), '..', 'main.js');
  const files: { role: ProgramComponent['role']; requestedAs: string }[] = [
    { role: 'interpreter', requestedAs: process.execPath },
    ...(process.argv[1] === undefined ? [] : [{ role: 'script' as const, requestedAs: process.argv[1] }]),
    { role: 'script', requestedAs: entry },
  ];
  const seen = new Set<string>();
  const out: ProgramComponent[] = [];
  for (const file of files) {
    const path = await realpath(file.requestedAs);
    if (seen.has(path)) continue;
    seen.add(path);
    const { sha256, size } = await hashFile(path);
    out.push({ role: file.role, path, requestedAs: file.requestedAs, sha256, size });
  }
  return out;
}

function describeEntry(e: AllowlistEntry): string {
  return `${e.id}  ${e.kind}  ${e.sha256.slice(0, 16)}…  ${e.name} (${e.owner})${e.path === null ? '' : `  ${e.path}`}${e.pathPattern === null ? '' : `  pattern ${e.pathPattern}`}`;
}

async function postChange(base: string, change: ReturnType<typeof signAllowlistChange>): Promise<{ id: string; status: 'pending'; digest: string }> {
  const result = await callJson<PendingView>(base, 'POST', '/api/allowlist/changes', { body: { change } });
  return { id: result.id, status: result.status, digest: result.digest };
}

async function submitChange(flags: ClientCommandFlags, build: (identity: SigningIdentity) => ReturnType<typeof signAllowlistChange>): Promise<void> {
  const { base, identity } = await clientContext(flags);
  const result = await postChange(base, build(identity));
  emit(flags.json === true, result, () => `change ${result.id}: ${result.status}; a second admin runs: bulwark allowlist approve ${result.id}`);
}

/**
 * `add --self`: one change per file of this CLI's program identity (what `vault get` reports) that is
 * not allowlisted yet. Prints them as a list, possibly empty.
 */
async function submitSelf(flags: ClientCommandFlags & { owner: string; reason: string }): Promise<void> {
  const { base, identity } = await clientContext(flags);
  const components = await cliProgramComponents();
  const { missing } = await remoteAllowlist(base).check({ components });
  const results: { id: string; status: 'pending'; digest: string; path: string }[] = [];
  for (const component of missing) {
    const entry = await entrySpecForFile(component.path, { name: `bulwark CLI ${component.role} ${basename(component.path)}`, owner: flags.owner });
    const change = signAllowlistChange(identity, { op: 'add', entry, reason: flags.reason, now: Date.now() });
    results.push({ ...(await postChange(base, change)), path: component.path });
  }
  emit(flags.json === true, results, () =>
    results.length === 0
      ? 'this CLI (node, launcher and entry script) is already allowlisted'
      : [...results.map((r) => `change ${r.id}: pending  ${r.path}`), `a second admin runs: bulwark allowlist approve ${results.map((r) => r.id).join(' ')}`].join('\n'),
  );
}

export function registerAllowlist(program: Command): void {
  const allowlist = program.command('allowlist').description('program identities that may receive decrypted artifacts (two-party changes)');

  withClientFlags(allowlist.command('add [file]'))
    .description('request that a file (by SHA-256) be allowlisted, or with --self this CLI; a second admin approves')
    .option('--name <name>', 'what the program is (required with a file)')
    .option('--self', 'this CLI as `vault get` reports it: the node binary, the launcher and the entry script')
    .option('--owner <owner>', 'who answers for it', 'unspecified')
    .option('--path-pattern <glob>', 'also require the real path to match (e.g. /opt/app/**)')
    .option('--signer <signer>', 'recorded and exported; not verified on Linux')
    .option('--reason <text>', 'why', 'allowlist add')
    .action(async (file: string | undefined, flags: ClientCommandFlags & { name?: string; self?: boolean; owner: string; pathPattern?: string; signer?: string; reason: string }) => {
      if (flags.self === true) {
        if (file !== undefined || flags.name !== undefined || flags.pathPattern !== undefined || flags.signer !== undefined) {
          throw new BulwarkError('CLI_USAGE', '--self takes no file, --name, --path-pattern or --signer');
        }
        await submitSelf(flags);
        return;
      }
      if (file === undefined || flags.name === undefined) throw new BulwarkError('CLI_USAGE', 'give a file and --name, or --self');
      const entry = await entrySpecForFile(file, { name: flags.name, owner: flags.owner, pathPattern: flags.pathPattern ?? null, signer: flags.signer ?? null });
      await submitChange(flags, (identity) => signAllowlistChange(identity, { op: 'add', entry, reason: flags.reason, now: Date.now() }));
    });

  withClientFlags(allowlist.command('remove <entryId>'))
    .description('request that an entry be removed; a second admin approves')
    .option('--reason <text>', 'why', 'allowlist remove')
    .action(async (entryId: string, flags: ClientCommandFlags & { reason: string }) => {
      await submitChange(flags, (identity) => signAllowlistChange(identity, { op: 'remove', entryId, reason: flags.reason, now: Date.now() }));
    });

  withClientFlags(allowlist.command('approve <changeIds...>'))
    .description('approve pending changes (never your own); you sign each change you are shown')
    .action(async (changeIds: string[], flags: ClientCommandFlags) => {
      const { base, identity } = await clientContext(flags);
      const results: (PendingView | AppliedView)[] = [];
      for (const changeId of changeIds) results.push(await approveChange(base, identity, changeId));
      // One id prints one object (as before); several print a list.
      emit(flags.json === true, results.length === 1 ? results[0] : results, () =>
        results.map((r) => (r.status === 'applied' ? `change ${r.id} applied: ${r.op} ${describeEntry(r.entry)}` : `change ${r.id}: ${r.approvals}/${r.requiredApprovals} approvals`)).join('\n'),
      );
    });

  withClientFlags(allowlist.command('changes'))
    .description('pending changes')
    .action(async (flags: ClientCommandFlags) => {
      const { changes } = await callJson<{ changes: PendingView[] }>(serverUrlOf(flags), 'GET', '/api/allowlist/changes');
      emit(flags.json === true, changes, () => (changes.length === 0 ? 'no pending changes' : changes.map((c) => `${c.id}  ${canonicalize(c.change.payload as never)}`).join('\n')));
    });

  withClientFlags(allowlist.command('list'))
    .description('allowlisted program identities')
    .action(async (flags: ClientCommandFlags) => {
      const entries = await listEntries(flags);
      emit(flags.json === true, entries, () => (entries.length === 0 ? 'the allowlist is empty' : entries.map(describeEntry).join('\n')));
    });

  withClientFlags(allowlist.command('export'))
    .description('write the allowlist as fapolicyd, IMA, Santa or Kubernetes policy (monitor mode first)')
    .requiredOption('--format <format>', 'fapolicyd | ima | santa | k8s')
    .option('--mode <mode>', 'monitor | enforce', 'monitor')
    .option('--out <dir>', 'directory to write the files into (default: print them)')
    .action(async (flags: ClientCommandFlags & { format: string; mode: string; out?: string }) => {
      if (flags.mode !== 'monitor' && flags.mode !== 'enforce') throw new BulwarkError('CLI_USAGE', '--mode is monitor or enforce');
      const files = exportAllowlist(parseExportFormat(flags.format), await listEntries(flags), { mode: flags.mode });
      if (flags.out !== undefined) {
        for (const file of files) {
          const target = join(flags.out, file.name);
          await mkdir(dirname(target), { recursive: true });
          await writeFile(target, file.contents);
        }
      }
      emit(flags.json === true, flags.out === undefined ? files : files.map((f) => ({ path: join(flags.out!, f.name) })), () =>
        flags.out === undefined ? files.map((f) => `# ${f.name}\n${f.contents}`).join('\n') : files.map((f) => `wrote ${join(flags.out!, f.name)}`).join('\n'),
      );
    });

  withClientFlags(allowlist.command('monitor'))
    .description('watch /proc in a scope for programs that are not allowlisted (lockdown also stops them)')
    .requiredOption('--scope <scope>', 'uid:N | cgroup:PATH | pid-tree:PID (required: never system-wide)')
    .option('--mode <mode>', 'monitor | lockdown', 'monitor')
    .option('--interval <ms>', 'poll interval', '200')
    .action(async (flags: ClientCommandFlags & { scope: string; mode: string; interval: string }) => {
      if (flags.mode !== 'monitor' && flags.mode !== 'lockdown') throw new BulwarkError('CLI_USAGE', '--mode is monitor or lockdown');
      const { base, identity } = await clientContext(flags);
      const monitor = await startProcessMonitor({
        scope: parseMonitorScope(flags.scope),
        mode: flags.mode,
        allowlist: remoteAllowlist(base),
        audit: remoteAuditSink(base, identity),
        intervalMs: Number(flags.interval),
        keepAlivePids: [process.ppid],
        onUnknown: (report) => process.stdout.write(`${JSON.stringify({ event: 'unknown_process', ...report })}\n`),
        onError: (error) => process.stderr.write(`bulwark: monitor: ${error instanceof Error ? error.message : String(error)}\n`),
      });
      process.stderr.write(`bulwark: allowlist monitor (${flags.mode}) watching ${flags.scope}; Ctrl-C stops\n`);
      await new Promise<void>((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
      });
      monitor.stop();
    });
}

async function approveChange(base: string, identity: SigningIdentity, changeId: string): Promise<PendingView | AppliedView> {
  const view = await callJson<PendingView>(base, 'GET', `/api/allowlist/changes/${encodeURIComponent(changeId)}`);
  // Sign the digest recomputed from the payload shown, never one the server sent.
  const change = parseAllowlistPayload(allowlistChangeSchema, view.change.payload, 'allowlist change');
  if (change.requesterKeyId === identity.keyId) {
    throw new BulwarkError('ALLOWLIST_SELF_APPROVAL', 'The requester cannot approve their own allowlist change; a second person must.');
  }
  const approval = signAllowlistApproval(identity, { change, now: Date.now() });
  return callJson<PendingView | AppliedView>(base, 'POST', `/api/allowlist/changes/${encodeURIComponent(changeId)}/approve`, { body: { approval } });
}

async function listEntries(flags: ClientCommandFlags): Promise<AllowlistEntry[]> {
  return (await callJson<{ entries: AllowlistEntry[] }>(serverUrlOf(flags), 'GET', '/api/allowlist/entries')).entries;
}
