import { mkdir, realpath, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
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

async function submitChange(flags: ClientCommandFlags, build: (identity: SigningIdentity) => ReturnType<typeof signAllowlistChange>): Promise<void> {
  const { base, identity } = await clientContext(flags);
  const change = build(identity);
  const result = await callJson<PendingView>(base, 'POST', '/api/allowlist/changes', { body: { change } });
  emit(flags.json === true, { id: result.id, status: result.status, digest: result.digest }, () => `change ${result.id}: ${result.status}; a second admin runs: bulwark allowlist approve ${result.id}`);
}

export function registerAllowlist(program: Command): void {
  const allowlist = program.command('allowlist').description('program identities that may receive decrypted artifacts (two-party changes)');

  withClientFlags(allowlist.command('add <file>'))
    .description('request that a file (by SHA-256) be allowlisted; a second admin approves')
    .requiredOption('--name <name>', 'what the program is')
    .option('--owner <owner>', 'who answers for it', 'unspecified')
    .option('--path-pattern <glob>', 'also require the real path to match (e.g. /opt/app/**)')
    .option('--signer <signer>', 'recorded and exported; not verified on Linux')
    .option('--reason <text>', 'why', 'allowlist add')
    .action(async (file: string, flags: ClientCommandFlags & { name: string; owner: string; pathPattern?: string; signer?: string; reason: string }) => {
      const entry = await entrySpecForFile(file, { name: flags.name, owner: flags.owner, pathPattern: flags.pathPattern ?? null, signer: flags.signer ?? null });
      await submitChange(flags, (identity) => signAllowlistChange(identity, { op: 'add', entry, reason: flags.reason, now: Date.now() }));
    });

  withClientFlags(allowlist.command('remove <entryId>'))
    .description('request that an entry be removed; a second admin approves')
    .option('--reason <text>', 'why', 'allowlist remove')
    .action(async (entryId: string, flags: ClientCommandFlags & { reason: string }) => {
      await submitChange(flags, (identity) => signAllowlistChange(identity, { op: 'remove', entryId, reason: flags.reason, now: Date.now() }));
    });

  withClientFlags(allowlist.command('approve <changeId>'))
    .description('approve a pending change (never your own); you sign the change you are shown')
    .action(async (changeId: string, flags: ClientCommandFlags) => {
      const { base, identity } = await clientContext(flags);
      const view = await callJson<PendingView>(base, 'GET', `/api/allowlist/changes/${encodeURIComponent(changeId)}`);
      // Sign the digest recomputed from the payload shown, never one the server sent.
      const change = parseAllowlistPayload(allowlistChangeSchema, view.change.payload, 'allowlist change');
      if (change.requesterKeyId === identity.keyId) {
        throw new BulwarkError('ALLOWLIST_SELF_APPROVAL', 'The requester cannot approve their own allowlist change; a second person must.');
      }
      const approval = signAllowlistApproval(identity, { change, now: Date.now() });
      const result = await callJson<PendingView | AppliedView>(base, 'POST', `/api/allowlist/changes/${encodeURIComponent(changeId)}/approve`, { body: { approval } });
      emit(flags.json === true, result, () =>
        result.status === 'applied' ? `change ${result.id} applied: ${result.op} ${describeEntry(result.entry)}` : `change ${result.id}: ${result.approvals}/${result.requiredApprovals} approvals`,
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

async function listEntries(flags: ClientCommandFlags): Promise<AllowlistEntry[]> {
  return (await callJson<{ entries: AllowlistEntry[] }>(serverUrlOf(flags), 'GET', '/api/allowlist/entries')).entries;
}
