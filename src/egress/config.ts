import type { z } from 'zod';
import { egressConfigSchema, DEFAULT_ASSUMED_ARTIFACT_BYTES, type RateSpec } from '../config/egress-schema.js';
import { BulwarkError, type ErrorProblem } from '../core/errors.js';

// The schema lives with the rest of the configuration (one `egress:` block in bulwark.yaml).
export * from '../config/egress-schema.js';

export type EgressConfig = z.output<typeof egressConfigSchema>;
export type EgressConfigInput = z.input<typeof egressConfigSchema>;

/**
 * Validates an `egress:` block, lists every problem, then freezes it. The planner gate runs here too
 * (see `checkExfiltrationGate` in planner.ts, called by `loadEgressPolicy`).
 */
export function parseEgressConfig(value: unknown, source: string): EgressConfig {
  const result = egressConfigSchema.safeParse(value ?? {});
  if (!result.success) {
    const problems: ErrorProblem[] = result.error.issues.map((issue) => ({
      path: `${source}: egress.${issue.path.join('.')}`,
      message: issue.message,
    }));
    throw new BulwarkError('CONFIG_INVALID', `egress configuration is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'})`, { problems });
  }
  return deepFreeze(result.data);
}

export function identityUpload(config: EgressConfig, identity: string): RateSpec | null {
  const entry = config.identities[identity];
  return entry ? { bytesPerSecond: entry.rate, burstBytes: entry.burst } : null;
}

export function largestArtifactBytes(config: EgressConfig): number {
  return config.artifacts.length > 0 ? Math.max(...config.artifacts) : DEFAULT_ASSUMED_ARTIFACT_BYTES;
}

export function parseListen(listen: string): { host: string; port: number } {
  const colon = listen.lastIndexOf(':');
  const host = listen.slice(0, colon).replace(/^\[|\]$/g, '');
  return { host, port: Number(listen.slice(colon + 1)) };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    // BlockList instances inside CIDR rules are class objects; freezing their internals is not ours to do.
    if (Object.getPrototypeOf(value) !== Object.prototype && !Array.isArray(value)) return value;
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}
