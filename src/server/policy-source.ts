import { readFile } from 'node:fs/promises';
import { deepFreeze, loadPolicyFile, parsePolicyText } from '../config/load.js';
import type { Policy } from '../config/policy-schema.js';
import { sha256Hex } from '../core/hash.js';
import type { PolicyReleaseRepository } from '../store/index.js';
import type { PolicyOrigin } from './policy-audit.js';

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
}

export function filePolicySource(file: string): PolicySource {
  return {
    name: file,
    marker: async () => sha256Hex(await readFile(file)),
    read: () => Promise.resolve({ policy: deepFreeze(loadPolicyFile(file)), origin: { file } }),
  };
}

/** Releases in the store: the newest one is the policy (`bulwark policy promote --publish`). */
export function storePolicySource(releases: PolicyReleaseRepository): PolicySource {
  return {
    name: 'store',
    marker: async () => {
      const head = await releases.head();
      return head === null ? 'no release' : `release ${head.seq}`;
    },
    read: async () => {
      const release = await releases.latest();
      if (release === null) return null;
      return { policy: deepFreeze(parsePolicyText(release.body, `policy release ${release.seq}`)), origin: { release: release.seq } };
    },
  };
}
