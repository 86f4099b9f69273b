import type { Command } from 'commander';
import {
  requestDigestOf,
  signAccessRequest,
  signBreakGlass,
  signDecision,
  signReview,
  signRevoke,
  type AccessRequestRecord,
  type RequestSummary,
  type ReviewRecord,
} from '../../access/index.js';
import { artifactPath, callJson, serverUrlOf } from '../api-client.js';
import { parsePositiveInt } from '../env.js';
import { emit } from '../output.js';
import { clientContext, parseTtlSeconds, withClientFlags, type ClientCommandFlags } from './client-flags.js';

interface ArtifactSummary {
  readonly id: string;
  readonly sha256: string;
}

interface RequestFlags extends ClientCommandFlags {
  artifact: string;
  reason: string;
  ttl?: string;
  maxUses?: string;
}

function artifactOf(base: string, name: string): Promise<ArtifactSummary> {
  return callJson<ArtifactSummary>(base, 'GET', artifactPath(name));
}

function printSummary(json: boolean, summary: RequestSummary, what: string): void {
  emit(json, { id: summary.id, status: summary.status }, () => `${what} ${summary.id}: ${summary.status}`);
}

/**
 * Decisions, revocations and reviews sign the digest recomputed here from the payload the server
 * returned, never a digest the server sent: the signer signs exactly what it was shown.
 */
async function digestOf(base: string, id: string): Promise<string> {
  const record = await callJson<AccessRequestRecord>(base, 'GET', `/api/access/requests/${encodeURIComponent(id)}`);
  return requestDigestOf(record.kind, record.payload);
}

function registerRequest(access: Command): void {
  withClientFlags(access.command('request'))
    .description('ask for read access to an artifact; an approver decides')
    .requiredOption('--artifact <name>', 'artifact name')
    .requiredOption('--reason <text>', 'justification the approver sees')
    .option('--ttl <ttl>', 'grant lifetime once approved (e.g. 30m, 1h)', '1h')
    .option('--max-uses <n>', 'uses allowed within the TTL (default: no limit unless policy says single use)')
    .action(async (flags: RequestFlags) => {
      const { base, identity } = await clientContext(flags);
      const artifact = await artifactOf(base, flags.artifact);
      const envelope = signAccessRequest(identity, {
        artifactId: artifact.id,
        artifactSha256: artifact.sha256,
        ttlSeconds: parseTtlSeconds(flags.ttl ?? '1h'),
        reason: flags.reason,
        now: Date.now(),
        ...(flags.maxUses === undefined ? {} : { maxUses: parsePositiveInt(flags.maxUses, '--max-uses') }),
      });
      printSummary(flags.json === true, await callJson<RequestSummary>(base, 'POST', '/api/access/requests', { body: envelope }), 'request');
    });
  withClientFlags(access.command('break-glass'))
    .description('emergency access without approval: short TTL, immediate alert, review due within 24 h')
    .requiredOption('--artifact <name>', 'artifact name')
    .requiredOption('--reason <text>', 'the emergency')
    .option('--ttl <ttl>', 'at most 15m')
    .action(async (flags: RequestFlags) => {
      const { base, identity } = await clientContext(flags);
      const artifact = await artifactOf(base, flags.artifact);
      const envelope = signBreakGlass(identity, {
        artifactId: artifact.id,
        artifactSha256: artifact.sha256,
        reason: flags.reason,
        now: Date.now(),
        ...(flags.ttl === undefined ? {} : { ttlSeconds: parseTtlSeconds(flags.ttl) }),
      });
      printSummary(flags.json === true, await callJson<RequestSummary>(base, 'POST', '/api/access/break-glass', { body: envelope }), 'break-glass grant');
    });
}

function registerDecisions(access: Command): void {
  for (const decision of ['approve', 'deny'] as const) {
    withClientFlags(access.command(`${decision} <id>`))
      .description(decision === 'approve' ? 'approve a request (never your own)' : 'deny a request; a denial is final')
      .option('--reason <text>', 'why', '')
      .action(async (id: string, flags: ClientCommandFlags & { reason: string }) => {
        const { base, identity } = await clientContext(flags);
        const requestDigest = await digestOf(base, id);
        const envelope = signDecision(identity, { requestDigest, decision, reason: flags.reason, now: Date.now() });
        const summary = await callJson<RequestSummary>(base, 'POST', `/api/access/requests/${encodeURIComponent(id)}/decisions`, { body: envelope });
        printSummary(flags.json === true, summary, 'request');
      });
  }
  withClientFlags(access.command('revoke <id>'))
    .description('end a pending request or a live grant at once')
    .option('--reason <text>', 'why', 'revoked')
    .action(async (id: string, flags: ClientCommandFlags & { reason: string }) => {
      const { base, identity } = await clientContext(flags);
      const envelope = signRevoke(identity, { requestDigest: await digestOf(base, id), reason: flags.reason, now: Date.now() });
      printSummary(flags.json === true, await callJson<RequestSummary>(base, 'POST', `/api/access/requests/${encodeURIComponent(id)}/revoke`, { body: envelope }), 'request');
    });
  withClientFlags(access.command('review [id]'))
    .description('close a break-glass review (a second admin); without ID, list reviews')
    .option('--note <text>', 'what the review found', 'reviewed')
    .action(async (id: string | undefined, flags: ClientCommandFlags & { note: string }) => {
      const base = serverUrlOf(flags);
      if (id === undefined) {
        const { reviews } = await callJson<{ reviews: ReviewRecord[] }>(base, 'GET', '/api/access/reviews');
        emit(flags.json === true, reviews, () => reviews.map((r) => `${r.requestId}  ${r.closedAt === null ? (r.overdue ? 'OVERDUE' : 'open') : 'closed'}  due ${new Date(r.dueAt).toISOString()}`).join('\n'));
        return;
      }
      const { identity } = await clientContext(flags);
      const envelope = signReview(identity, { requestDigest: await digestOf(base, id), note: flags.note, now: Date.now() });
      const review = await callJson<ReviewRecord>(base, 'POST', `/api/access/reviews/${encodeURIComponent(id)}`, { body: envelope });
      emit(flags.json === true, review, () => `review ${id}: closed${review.closedLate ? ' (late)' : ''}`);
    });
}

function registerList(access: Command): void {
  withClientFlags(access.command('list'))
    .description('list requests and grants, newest first')
    .option('--status <status>', 'pending, approved, denied, revoked or expired')
    .option('--kind <kind>', 'access, break_glass or users_change')
    .action(async (flags: ClientCommandFlags & { status?: string; kind?: string }) => {
      const query = new URLSearchParams({ ...(flags.status ? { status: flags.status } : {}), ...(flags.kind ? { kind: flags.kind } : {}) }).toString();
      const { requests } = await callJson<{ requests: AccessRequestRecord[] }>(serverUrlOf(flags), 'GET', `/api/access/requests${query ? `?${query}` : ''}`);
      emit(flags.json === true, requests, () =>
        requests.map((r) => `${r.id}  ${r.kind}  ${r.status}  ${r.artifactId ?? '-'}  by ${r.requesterKeyId.slice(0, 16)}`).join('\n') || 'no requests',
      );
    });
}

export function registerAccess(program: Command): void {
  const access = program.command('access').description('two-party access to vault artifacts');
  registerRequest(access);
  registerDecisions(access);
  registerList(access);
}
