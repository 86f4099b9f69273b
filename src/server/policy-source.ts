import { readFile } from 'node:fs/promises';
import { deepFreeze, loadPolicyFile, parsePolicyText } from '../config/load.js';
import type { Policy } from '../config/policy-schema.js';
import { BulwarkError } from '../core/errors.js';
import { sha256Hex } from '../core/hash.js';
import type { PolicyReleaseRepository } from '../store/index.js';
import type { PolicyOrigin, ReleaseOnRecord } from './policy-audit.js';
import { assertTrustedRelease, type PolicySigners } from './policy-release-signature.js';

/** Where a server reads its guard policy from (config `guard.policySource`). */
export interface PolicySource {
  /** For logs: the file's path, or "store". */
  readonly name: string;
  /**
   * Cheap: a value that changes whenever `read` may return something new (the file's SHA-256, the
   * newest release's number). Throws when the source cannot be read.
   */
  marker(): Promise<string>;
  /** The policy, validated and frozen; null when the source holds none yet (a store before its first release). */
  read(): Promise<{ readonly policy: Policy; readonly origin: PolicyOrigin } | null>;
  /**
   * True when a refused policy is a security event for the audit log (`policy.refuse`): anyone with
   * write access to the database can put a release in the store, while a file is the host's own.
   */
  readonly auditRefusals: boolean;
}

export function filePolicySource(file: string): PolicySource {
  return {
    name: file,
    auditRefusals: false,
    marker: async () => sha256Hex(await readFile(file)),
    read: () => Promise.resolve({ policy: deepFreeze(loadPolicyFile(file)), origin: { file } }),
  };
}

/**
 * Releases in the store: the newest one is the policy (`bulwark policy promote --publish`), once a key in
 * `guard.policySigners` is found to have signed exactly it (its number and text). The source never goes
 * back: releases are only ever added, so a newest release older than one already read here, or than the
 * one the audit log last recorded in force (`onRecord`, for a replica that has read nothing yet), means
 * the table was edited (a row deleted to bring an older policy back), and it is refused like a bad signature.
 */
export function storePolicySource(releases: PolicyReleaseRepository, signers: PolicySigners, onRecord: ReleaseOnRecord | null = null): PolicySource {
  // Before the first read, the floor is the release the audit log last recorded in force.
  let highestRead = onRecord?.release ?? 0;
  let readHere = false;
  return {
    name: 'store',
    auditRefusals: true,
    marker: async () => {
      const head = await releases.head();
      return head === null ? 'no release' : `release ${head.seq}`;
    },
    read: async () => {
      const release = await releases.latest();
      if (release === null && highestRead === 0) return null;
      if (release === null || release.seq < highestRead) {
        const seen = readHere || onRecord === null ? 'was read here before' : `was put in force, as audit log entry ${onRecord.entry} records`;
        throw new BulwarkError(
          'POLICY_RELEASE_UNTRUSTED',
          `the store's newest policy release is ${release?.seq ?? 'none'}, but release ${highestRead} ${seen}; releases are never removed, so the table was edited`,
        );
      }
      assertTrustedRelease(release, signers);
      const policy = deepFreeze(parsePolicyText(release.body, `policy release ${release.seq}`));
      highestRead = release.seq;
      readHere = true;
      return { policy, origin: { release: release.seq, signer: release.signerKeyId! } };
    },
  };
}
