import { z } from 'zod';
import { canonicalize } from '../access/canonical-json.js';
import { systemClock, type Clock } from '../core/clock.js';
import { BulwarkError, isBulwarkError } from '../core/errors.js';
import { sha256Hex } from '../core/hash.js';
import type { AllowlistCheck, AllowlistService } from './allowlist.js';
import { probeEgressPosture, type EgressPosture } from './egress-posture.js';
import type { ProgramComponent } from './identity.js';
import { appendOrRefuse, type AllowlistAuditSink, type AuditDetail } from './ports.js';

/** The header a client sends with a release: the program that will receive the plaintext. */
export const PROGRAM_HEADER = 'x-bulwark-program';
export const RELEASE_PURPOSES = ['exec', 'vault-get'] as const;
export type ReleasePurpose = (typeof RELEASE_PURPOSES)[number];

const componentSchema = z.strictObject({
  role: z.enum(['executable', 'interpreter', 'script']),
  path: z.string().startsWith('/').max(4096),
  requestedAs: z.string().max(4096),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
});
const claimSchema = z.strictObject({
  purpose: z.enum(RELEASE_PURPOSES),
  components: z.array(componentSchema).min(1).max(16),
});

/** What the client says will receive the plaintext; bound into the signed call by its digest. */
export type ProgramClaim = z.infer<typeof claimSchema>;

export function programClaimOf(purpose: ReleasePurpose, components: readonly ProgramComponent[]): ProgramClaim {
  return { purpose, components: components.map((c) => ({ role: c.role, path: c.path, requestedAs: c.requestedAs, sha256: c.sha256, size: c.size })) };
}

/** Hex SHA-256 of the claim's canonical JSON; the signed call's target ends with `#program:<digest>`. */
export function programClaimDigest(claim: ProgramClaim): string {
  return sha256Hex(`bulwark/v1/program-claim\n${canonicalize(claim)}`);
}

export function encodeProgramClaim(claim: ProgramClaim): string {
  return Buffer.from(JSON.stringify(claim), 'utf8').toString('base64url');
}

/** Attacker-controlled header: strict parse or ALLOWLIST_INVALID_CHANGE-free refusal. */
export function decodeProgramClaim(value: string | string[] | undefined): ProgramClaim | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || value.length > 16_384) throw invalidClaim();
  try {
    const parsed = claimSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    if (!parsed.success) throw invalidClaim();
    return parsed.data;
  } catch {
    throw invalidClaim();
  }
}

function invalidClaim(): BulwarkError {
  return new BulwarkError('ALLOWLIST_RELEASE_REFUSED', `program identity unverified: the ${PROGRAM_HEADER} header is not a valid program identity.`);
}

/** The signed-call target of a release: `name#grant`, plus `#program:<digest>` when a program is claimed. */
export function releaseTarget(name: string, grantId: string, claim: ProgramClaim | null): string {
  return claim === null ? `${name}#${grantId}` : `${name}#${grantId}#program:${programClaimDigest(claim)}`;
}

export interface ReleasePolicyOptions {
  readonly allowlist: Pick<AllowlistService, 'check'>;
  readonly audit: AllowlistAuditSink;
  /** Check (b) for `vault get`: the CLI's own identity must be allowlisted. Exec always needs it. */
  readonly requiredForVaultGet: boolean;
  readonly egress: { readonly requiredForRelease: boolean; readonly statusUrl: string; readonly maxSelftestAgeSeconds: number };
  readonly clock?: Clock;
  readonly fetchImpl?: typeof fetch;
}

export interface ReleaseRequest {
  readonly artifact: { readonly id: string; readonly name: string; readonly sha256: string };
  readonly grantId: string;
  readonly actor: string;
  readonly program: ProgramClaim | null;
  /** access's verifyGrantForRelease for this artifact: consumes a use and appends access.release. */
  readonly verifyGrant: () => Promise<unknown>;
}

type Proof = { readonly [key: string]: AuditDetail };

export interface ReleasePolicy {
  /**
   * Releases only if the grant verifies for this artifact, every component of the claimed program is
   * allowlisted (exec always; vault get when configured), and, when configured, the egress proxy reports
   * a good posture. The cheap, non-consuming proofs run first so a refusal never spends a grant use.
   * Records the decision and its three proofs as one audit event; throws on any refusal.
   */
  authorize(request: ReleaseRequest): Promise<void>;
}

export function createReleasePolicy(options: ReleasePolicyOptions): ReleasePolicy {
  const clock = options.clock ?? systemClock;

  async function record(type: 'allowlist.exec' | 'allowlist.exec_refused', request: ReleaseRequest, proofs: { grant: Proof; program: Proof; egress: Proof }, refusal: BulwarkError | null): Promise<void> {
    await appendOrRefuse(options.audit, {
      type,
      actor: request.actor,
      subject: request.artifact.id,
      time: clock.now(),
      details: {
        decision: refusal === null ? 'release' : 'refuse',
        purpose: request.program?.purpose ?? 'vault-get',
        artifact: request.artifact.name,
        grantId: request.grantId,
        proofs,
        ...(refusal === null ? {} : { code: refusal.code, reason: refusal.message }),
      },
    });
  }

  async function refuse(request: ReleaseRequest, proofs: { grant: Proof; program: Proof; egress: Proof }, error: BulwarkError): Promise<never> {
    try {
      await record('allowlist.exec_refused', request, proofs, error);
    } catch (auditError) {
      throw new BulwarkError(error.code, error.message, { problems: error.problems, cause: auditError });
    }
    throw error;
  }

  return {
    async authorize(request) {
      const purpose = request.program?.purpose ?? 'vault-get';
      const programRequired = purpose === 'exec' || options.requiredForVaultGet;
      const notChecked: Proof = { status: 'not-checked' };
      const proofs: { grant: Proof; program: Proof; egress: Proof } = { grant: notChecked, program: notChecked, egress: notChecked };

      // (b) program identity
      if (!programRequired) {
        proofs.program = { status: 'not-required', claimed: request.program === null ? null : claimDetail(request.program) };
      } else if (request.program === null) {
        proofs.program = { status: 'missing' };
        return refuse(request, proofs, new BulwarkError('ALLOWLIST_RELEASE_REFUSED', 'program identity unverified: the client sent no program identity (allowlist.requiredForVaultGet is set; use a current bulwark CLI).'));
      } else {
        const check: AllowlistCheck = await options.allowlist.check(request.program);
        proofs.program = { status: check.allowed ? 'allowlisted' : 'not-allowlisted', ...claimDetail(request.program), matched: [...check.matched], missing: check.missing.map((m) => ({ ...m })) };
        if (!check.allowed) {
          const names = check.missing.map((m) => `${m.role} ${m.path} (sha256 ${m.sha256})`).join(', ');
          const problems = check.missing.map((m) => ({ path: m.path, message: `${m.role} (${m.requestedAs}) with SHA-256 ${m.sha256} is not allowlisted` }));
          // For vault get the program is the CLI itself: say how an unchanged CLI gets allowlisted.
          const hint = purpose === 'vault-get' ? ' (vault get releases only to an allowlisted bulwark CLI: an admin runs `bulwark allowlist add --self`, a second admin approves)' : '';
          return refuse(request, proofs, new BulwarkError('ALLOWLIST_RELEASE_REFUSED', `program identity not allowlisted: ${names}${hint}.`, { problems }));
        }
      }

      // (c) egress posture
      if (!options.egress.requiredForRelease) {
        proofs.egress = { status: 'not-required' };
      } else {
        const posture: EgressPosture = await probeEgressPosture({
          statusUrl: options.egress.statusUrl,
          maxSelftestAgeSeconds: options.egress.maxSelftestAgeSeconds,
          now: clock.now(),
          ...(options.fetchImpl === undefined ? {} : { fetchImpl: options.fetchImpl }),
        });
        proofs.egress = { status: posture.ok ? 'verified' : 'unverified', ...posture };
        if (!posture.ok) return refuse(request, proofs, new BulwarkError('ALLOWLIST_RELEASE_REFUSED', `egress posture unverified: ${posture.problem ?? 'unknown'}.`));
      }

      // (a) the grant, for this artifact; consumes one use and appends access.release.
      try {
        await request.verifyGrant();
      } catch (error) {
        const known = isBulwarkError(error) ? error : new BulwarkError('INTERNAL', 'internal error', { cause: error });
        proofs.grant = { status: 'refused', grantId: request.grantId, code: known.code };
        return refuse(request, proofs, known);
      }
      proofs.grant = { status: 'verified', grantId: request.grantId, artifactId: request.artifact.id, artifactSha256: request.artifact.sha256 };
      await record('allowlist.exec', request, proofs, null);
    },
  };
}

function claimDetail(claim: ProgramClaim): Proof {
  return { digest: programClaimDigest(claim), components: claim.components.map((c) => ({ role: c.role, path: c.path, sha256: c.sha256 })) };
}
