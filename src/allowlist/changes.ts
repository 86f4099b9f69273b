import { randomBytes, sign, verify } from 'node:crypto';
import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import { sha256Hex } from '../core/hash.js';
import { canonicalBytes } from '../access/canonical-json.js';
import type { SigningIdentity } from '../access/identity.js';
import type { SignedEnvelope } from '../access/payloads.js';
import { publicKeyFromRaw } from '../access/signing.js';
import { compilePathPattern } from './path-pattern.js';

/**
 * Allowlist changes are signed like access requests (docs/access.md): canonical JSON behind a domain
 * tag of their own, so a signature over an access request or a decision can never pass as one of these.
 */
export const ALLOWLIST_SIGNATURE_DOMAINS = {
  change: 'bulwark/v1/allowlist-change',
  approval: 'bulwark/v1/allowlist-approval',
} as const;
type Domain = keyof typeof ALLOWLIST_SIGNATURE_DOMAINS;

export const ENTRY_KINDS = ['file', 'oci-image'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256');
const epochMs = z.number().int().nonnegative().max(8.64e15);
const nonce = z.string().regex(/^[0-9a-f]{32}$/, '32 hex characters');
const label = z.string().min(1).max(200).regex(/^[^\u0000-\u001f\u007f]*$/u, 'no control characters');
const pathPattern = z
  .string()
  .max(512)
  .refine((value) => {
    try {
      compilePathPattern(value);
      return true;
    } catch {
      return false;
    }
  }, 'an absolute path glob (* ? ** only)');

export const entrySpecSchema = z.strictObject({
  kind: z.enum(ENTRY_KINDS),
  sha256: hex64,
  name: label,
  owner: label,
  /** Files: an absolute path glob the real path must match. Images: the repository (`registry/team/app`). */
  pathPattern: z.union([z.string().min(1).max(512), z.null()]),
  signer: label.nullable(),
  /** Where the requester saw the file and its size (fapolicyd's trust file needs both). */
  path: z.string().startsWith('/').max(4096).nullable(),
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable(),
}).superRefine((value, ctx) => {
  if (value.kind === 'file' && value.pathPattern !== null && !pathPattern.safeParse(value.pathPattern).success) {
    ctx.addIssue({ code: 'custom', path: ['pathPattern'], message: 'an absolute path glob (* ? ** only, at most 8 wildcards)' });
  }
  if (value.kind === 'oci-image' && value.pathPattern !== null && !/^[a-z0-9][a-z0-9._:/-]{0,254}$/.test(value.pathPattern)) {
    ctx.addIssue({ code: 'custom', path: ['pathPattern'], message: 'an image repository (registry/path, lowercase)' });
  }
});
export type EntrySpec = z.infer<typeof entrySpecSchema>;

const changeBase = { reason: z.string().min(1).max(1000), requesterKeyId: hex64, nonce, createdAt: epochMs };
export const allowlistChangeSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('add'), entry: entrySpecSchema, ...changeBase }),
  z.strictObject({ op: z.literal('remove'), entryId: z.string().min(1).max(64), ...changeBase }),
]);
export type AllowlistChangePayload = z.infer<typeof allowlistChangeSchema>;

export const allowlistApprovalSchema = z.strictObject({
  changeDigest: hex64,
  approverKeyId: hex64,
  decision: z.literal('approve'),
  time: epochMs,
  nonce,
});
export type AllowlistApprovalPayload = z.infer<typeof allowlistApprovalSchema>;

function signedBytes(domain: Domain, payload: unknown): Buffer {
  return Buffer.concat([Buffer.from(`${ALLOWLIST_SIGNATURE_DOMAINS[domain]}\n`, 'utf8'), canonicalBytes(payload)]);
}

/** Hex SHA-256 of the change's signed bytes: what approvals sign and what makes a change apply once. */
export function allowlistChangeDigest(payload: AllowlistChangePayload): string {
  return sha256Hex(signedBytes('change', payload));
}

/** Never throws on attacker-controlled input; a bad key or signature is simply false. */
export function verifyAllowlistSignature(rawPublicKey: string, domain: Domain, payload: unknown, signature: unknown): boolean {
  if (typeof signature !== 'string' || !/^[A-Za-z0-9+/]{86}==$/.test(signature)) return false;
  try {
    return verify(null, signedBytes(domain, payload), publicKeyFromRaw(rawPublicKey), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** The same check under a caller-given domain tag (allowlist calls). */
export function verifyAllowlistSignatureWithDomain(rawPublicKey: string, domain: string, payload: unknown, signature: unknown): boolean {
  if (typeof signature !== 'string' || !/^[A-Za-z0-9+/]{86}==$/.test(signature)) return false;
  try {
    const bytes = Buffer.concat([Buffer.from(`${domain}\n`, 'utf8'), canonicalBytes(payload)]);
    return verify(null, bytes, publicKeyFromRaw(rawPublicKey), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** Attacker-controlled input: parse into a fresh plain copy or refuse with every problem listed. */
export function parseAllowlistPayload<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.length === 0 ? what : `${what}.${issue.path.map(String).join('.')}`,
    message: issue.message,
  }));
  throw new BulwarkError('ALLOWLIST_INVALID_CHANGE', `The ${what} is not valid.`, { problems });
}

export type AllowlistChangeInput =
  | { readonly op: 'add'; readonly entry: EntrySpec; readonly reason: string; readonly now: number }
  | { readonly op: 'remove'; readonly entryId: string; readonly reason: string; readonly now: number };

/** Client side: the requester signs a change (`bulwark allowlist add|remove`). */
export function signAllowlistChange(identity: SigningIdentity, input: AllowlistChangeInput): SignedEnvelope<AllowlistChangePayload> {
  const base = { reason: input.reason, requesterKeyId: identity.keyId, nonce: randomBytes(16).toString('hex'), createdAt: input.now };
  const payload: AllowlistChangePayload =
    input.op === 'add' ? { op: 'add', entry: { ...input.entry }, ...base } : { op: 'remove', entryId: input.entryId, ...base };
  return { payload, signature: sign(null, signedBytes('change', payload), identity.privateKey).toString('base64') };
}

/** Client side: a second person approves exactly the change they were shown (by its digest). */
export function signAllowlistApproval(
  identity: SigningIdentity,
  input: { readonly change: AllowlistChangePayload; readonly now: number },
): SignedEnvelope<AllowlistApprovalPayload> {
  const payload: AllowlistApprovalPayload = {
    changeDigest: allowlistChangeDigest(input.change),
    approverKeyId: identity.keyId,
    decision: 'approve',
    time: input.now,
    nonce: randomBytes(16).toString('hex'),
  };
  return { payload, signature: sign(null, signedBytes('approval', payload), identity.privateKey).toString('base64') };
}
