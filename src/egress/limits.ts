import type { EgressConfig } from './config.js';
import { hostPatternMatches, isDestinationAllowed, normaliseHost } from './destination.js';
import type { BudgetRef, BucketRef } from './ledger.js';

/** Everything the proxy needs to shape one tunnel, derived from the config once per connection. */
export interface TunnelLimits {
  readonly upload: readonly BucketRef[];
  readonly download: readonly BucketRef[];
  readonly budgets: readonly BudgetRef[];
}

export const ENCLAVE_SCOPE = 'enclave';

export function identityScope(identity: string): string {
  return `identity:${identity}`;
}

export type Admission = { readonly ok: true; readonly limits: TunnelLimits } | { readonly ok: false; readonly reason: string };

/** Default deny: an identity without a policy entry, or a destination off its allowlist, is refused. */
export function admitDestination(config: EgressConfig, identity: string, host: string, port: number): Admission {
  const entry = config.identities[identity];
  if (entry === undefined) return { ok: false, reason: `identity "${identity}" has no egress policy` };
  if (!isDestinationAllowed(entry.allow, host, port)) {
    return { ok: false, reason: `${normaliseHost(host)}:${port} is not on the egress allowlist of identity "${identity}"` };
  }
  return { ok: true, limits: limitsFor(config, identity, host) };
}

export function limitsFor(config: EgressConfig, identity: string, host: string): TunnelLimits {
  const entry = config.identities[identity]!;
  const scope = identityScope(identity);
  const upload: BucketRef[] = [
    { key: `${scope}:up`, bytesPerSecond: entry.rate, burstBytes: entry.burst },
    { key: `${ENCLAVE_SCOPE}:up`, bytesPerSecond: config.enclave.rate, burstBytes: config.enclave.burst },
  ];
  const destination = Object.entries(config.destinations).find(([pattern]) => hostPatternMatches(pattern, host));
  if (destination) upload.push({ key: `destination:${destination[0]}:up`, bytesPerSecond: destination[1].rate, burstBytes: destination[1].burst });
  const download: BucketRef[] = [];
  if (entry.downloadRate !== undefined) download.push({ key: `${scope}:down`, bytesPerSecond: entry.downloadRate, burstBytes: entry.burst });
  if (config.enclave.downloadRate !== undefined) {
    download.push({ key: `${ENCLAVE_SCOPE}:down`, bytesPerSecond: config.enclave.downloadRate, burstBytes: config.enclave.burst });
  }
  return { upload, download, budgets: budgetsFor(config, identity) };
}

export function budgetsFor(config: EgressConfig, identity: string): BudgetRef[] {
  const entry = config.identities[identity];
  const own = (entry?.budgets ?? []).map((b) => ({ scope: identityScope(identity), window: b.window, windowMs: b.windowMs, limitBytes: b.bytes }));
  return [...own, ...enclaveBudgets(config)];
}

export function enclaveBudgets(config: EgressConfig): BudgetRef[] {
  return config.enclave.budgets.map((b) => ({ scope: ENCLAVE_SCOPE, window: b.window, windowMs: b.windowMs, limitBytes: b.bytes }));
}
