import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { canonicalize } from '../../access/canonical-json.js';
import {
  ALLOWLIST_CHANGE_ROLE,
  MONITOR_REPORT_TYPES,
  allowlistApprovalSchema,
  monitorReportDetailsSchema,
  parseAllowlistPayload,
  verifyAllowlistCall,
  verifyAllowlistSignature,
  type MonitorReport,
  type PendingChange,
} from '../../allowlist/index.js';
import { BulwarkError } from '../../core/errors.js';
import { sha256Hex } from '../../core/hash.js';
import type { Store } from '../../store/index.js';
import { authenticateCaller } from '../auth.js';
import { parseWith } from '../validate.js';
import type { VaultWiring } from '../vault-wiring.js';

export interface AllowlistRouteDeps {
  readonly store: Store;
  readonly config: { readonly auth: { readonly required: boolean } };
  readonly vault?: VaultWiring;
}

const envelope = z.object({ payload: z.unknown(), signature: z.string().max(256) }).strict();
const changeBody = z.object({ change: envelope }).strict();
const approveBody = z.object({ approval: envelope }).strict();
const component = z
  .object({ role: z.enum(['executable', 'interpreter', 'script']), path: z.string().max(4096), requestedAs: z.string().max(4096), sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() })
  .strict();
const checkBody = z.object({ components: z.array(component).min(1).max(16) }).strict();
const detail: z.ZodType<unknown> = z.lazy(() => z.union([z.null(), z.boolean(), z.number(), z.string().max(8192), z.array(detail).max(256), z.record(z.string().max(128), detail)]));
/** What a client may report: its monitor's findings, or an exec it refused before asking for any key. */
const reportBody = z
  .object({
    type: z.enum(['allowlist.unknown_process', 'allowlist.process_killed', 'allowlist.exec', 'allowlist.exec_refused']),
    subject: z.string().min(1).max(512).nullable(),
    details: z.record(z.string().max(128), detail),
  })
  .strict();

/** Monitor findings carry a process identity; parse it strictly (it goes to the audit log and the webhook). */
function monitorReportOf(body: z.output<typeof reportBody>, reporterKeyId: string, time: number): MonitorReport | null {
  const type = MONITOR_REPORT_TYPES.find((t) => t === body.type);
  if (type === undefined) return null;
  if (body.subject === null) throw new BulwarkError('REQUEST_INVALID_BODY', 'request body does not match the expected shape', { problems: [{ path: 'subject', message: 'the executable path' }] });
  return { type, exe: body.subject, details: parseWith(monitorReportDetailsSchema, body.details), reporterKeyId, time };
}

function describePending(pending: PendingChange, required: number) {
  return {
    id: pending.id,
    status: 'pending' as const,
    digest: pending.digest,
    change: pending.change,
    approvals: pending.approvals.length,
    requiredApprovals: required,
    createdAt: pending.createdAt,
  };
}

/**
 * /api/allowlist: two-party changes (the envelopes are signed by the admins themselves, like access
 * requests), entries, a check for monitors, and signed client reports. Reads sit behind the API key.
 */
export function registerAllowlistRoutes(app: FastifyInstance, deps: AllowlistRouteDeps): void {
  const wiring = deps.vault;
  if (wiring === undefined) return;
  const { allowlist, pendingAllowlistChanges: pending, allowlistRequiredApprovals: required } = wiring;
  void app.register(async (scope) => {
    scope.addHook('preHandler', async (request) => {
      await authenticateCaller(request, deps.store, deps.config.auth.required);
    });
    type WithId = { Params: { id: string } };

    scope.get('/api/allowlist/entries', async () => ({ entries: await allowlist.list() }));
    scope.get<WithId>('/api/allowlist/entries/:id', async (request) => allowlist.get(request.params.id));
    scope.post('/api/allowlist/check', async (request) => allowlist.check(parseWith(checkBody, request.body)));

    scope.get('/api/allowlist/changes', async () => ({ changes: (await pending.list()).map((p) => describePending(p, required)) }));
    scope.get<WithId>('/api/allowlist/changes/:id', async (request) => describePending(await pending.get(request.params.id), required));
    scope.post('/api/allowlist/changes', async (request, reply) => {
      const { change } = parseWith(changeBody, request.body);
      const { payload, digest } = await allowlist.validateChange(change);
      const stored = await pending.add({ digest, change: { payload, signature: change.signature }, now: Date.now() });
      return reply.status(201).send(describePending(stored, required));
    });
    scope.post<WithId>('/api/allowlist/changes/:id/approve', async (request) => {
      const { approval } = parseWith(approveBody, request.body);
      const stored = await pending.get(request.params.id);
      const approvalPayload = parseAllowlistPayload(allowlistApprovalSchema, approval.payload, 'allowlist approval');
      if (approvalPayload.approverKeyId === stored.change.payload.requesterKeyId) {
        throw new BulwarkError('ALLOWLIST_SELF_APPROVAL', 'The requester cannot approve their own allowlist change; a second person must.');
      }
      const holder = await wiring.allowlistKeys.find(approvalPayload.approverKeyId);
      if (holder === null || !holder.roles.includes(ALLOWLIST_CHANGE_ROLE)) throw new BulwarkError('ALLOWLIST_NOT_AUTHORIZED', `Only registered ${ALLOWLIST_CHANGE_ROLE}s may approve allowlist changes.`);
      // Checked before it is stored, so a forged approval cannot sit in the queue and block the change;
      // the whole set is verified again when the last approval arrives (applyApprovedChange).
      if (approvalPayload.changeDigest !== stored.digest || !verifyAllowlistSignature(holder.publicKey, 'approval', approvalPayload, approval.signature)) {
        throw new BulwarkError('ALLOWLIST_SIGNATURE_INVALID', 'A signature on the allowlist change does not verify.');
      }
      const next = await pending.addApproval({ id: stored.id, approverKeyId: approvalPayload.approverKeyId, approval: { payload: approvalPayload, signature: approval.signature }, now: Date.now() });
      if (next.approvals.length < required) return describePending(next, required);
      const applied = await allowlist.applyApprovedChange(next.change, next.approvals);
      await pending.remove(stored.id);
      return { id: stored.id, status: 'applied' as const, changeId: applied.changeId, op: applied.op, entry: applied.entry };
    });

    scope.post('/api/allowlist/reports', async (request, reply) => {
      const body = parseWith(reportBody, request.body);
      const signer = await verifyAllowlistCall(request.headers, { action: 'allowlist.report', bodySha256: sha256Hex(canonicalize(body)) }, wiring.allowlistKeys, Date.now());
      const report = monitorReportOf(body, signer.keyId, Date.now());
      const details = report === null ? (body.details as Record<string, never>) : report.details;
      await wiring.audit.append({ type: body.type, actor: signer.keyId, subject: body.subject, time: Date.now(), details: { ...details, reportedBy: 'client' } });
      // After the audit append and off the request: a slow receiver must not hold up the monitor's next report.
      if (report !== null && wiring.monitorNotifier !== null) {
        wiring.monitorNotifier.notify(report).catch((error: unknown) => request.log.warn({ err: error, pid: report.details.pid }, 'allowlist monitor webhook failed'));
      }
      return reply.status(201).send({ recorded: true });
    });
  });
}
