import { describe, it } from 'vitest';

export interface ServiceProbe {
  readonly reachable: boolean;
  /** Why the service could not be used; empty when reachable. */
  readonly reason: string;
}

/** Runs `check` once; any failure (refused, timeout, auth) marks the service unreachable. */
export async function probeService(check: () => Promise<void>): Promise<ServiceProbe> {
  try {
    await check();
    return { reachable: true, reason: '' };
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return { reachable: false, reason: reason || 'unknown error' };
  }
}

/**
 * Registers `body` when the service is reachable. Otherwise CI must not pass silently (a CI that
 * cannot fail is a trap): when `required` (the caller passes `process.env.CI === 'true'`) a failing
 * test is registered; locally the suite is skipped and the reason is in its name.
 */
export function describeWithService(
  title: string,
  service: string,
  probe: ServiceProbe,
  required: boolean,
  body: () => void,
): void {
  if (probe.reachable) {
    describe(title, body);
    return;
  }
  if (required) {
    describe(title, () => {
      it(`${service} is reachable (required when CI=true)`, () => {
        throw new Error(`${service} is unreachable: ${probe.reason}`);
      });
    });
    return;
  }
  // Skipped reason: the service is not running on this machine. Only outside CI, with the reason in the
  // suite name; under CI=true the branch above fails instead, so CI never skips PostgreSQL/Redis tests.
  describe.skip(`${title} [skipped: ${service} unreachable (${probe.reason}); CI=true makes this fail]`, body); // skip reason: service down, outside CI
}
