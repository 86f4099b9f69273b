import { describe, expect, it } from 'vitest';
import { isBulwarkError } from '../core/errors.js';
import { parseEgressConfig } from './config.js';
import { checkExfiltrationGate, fastestRow, planExfiltration } from './planner.js';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const HOUR = 3_600;
const DAY = 86_400;
const ARTIFACT = 810 * 1000 ** 3;

const policy = {
  enclave: { rate: '100MiB/s', budgets: { '24h': '50GiB' } },
  identities: {
    trainer: { allow: ['127.0.0.1:*'], rate: '2MiB/s', budgets: { '1h': '1GiB', '24h': '6GiB' } },
    eval: { allow: ['127.0.0.1:*'], rate: '2MiB/s', budgets: { '1h': '1GiB', '24h': '6GiB' } },
  },
  artifacts: ['810GB'],
};

/** The planner's model by hand: whole budgets leave at each window start, the remainder at the rate. */
function byHand(bytes: number, rate: number, budget: number, windowSeconds: number): number {
  const full = Math.ceil(bytes / budget) - 1;
  return full * windowSeconds + (bytes - full * budget) / rate;
}

describe('time-to-exfiltrate planner', () => {
  const config = parseEgressConfig({ ...policy, unsafeAllowFastExfiltration: true }, 'test');

  it('plans an 810 GB artifact at 16x for one identity as a hand calculation does', () => {
    const plan = planExfiltration(config, { compression: 16, colluding: 1 });
    const row = plan.rows.find((r) => r.compression === 16 && r.path === 'identity trainer')!;
    const bytes = ARTIFACT / 16;
    expect(row.bytes).toBe(50_625_000_000);
    const candidates = [bytes / (2 * MiB), byHand(bytes, 2 * MiB, GiB, HOUR), byHand(bytes, 2 * MiB, 6 * GiB, DAY)];
    expect(row.seconds).toBeCloseTo(Math.max(...candidates), 6);
    expect(row.seconds).toBeCloseTo(7 * DAY + 5_527_843_392 / (2 * MiB), 6);
    expect(row.limitedBy).toBe('budget 24h');
  });

  it('adds up colluding identities: 2 x 2 MiB/s and 2 x 6 GiB per 24 h', () => {
    const plan = planExfiltration(config, { compression: 16, colluding: 2 });
    const row = plan.rows.find((r) => r.compression === 16 && r.path === '2 colluding')!;
    const bytes = ARTIFACT / 16;
    expect(row.seconds).toBeCloseTo(byHand(bytes, 4 * MiB, 12 * GiB, DAY), 6);
    expect(row.seconds).toBeCloseTo(3 * DAY + (bytes - 3 * 12 * GiB) / (4 * MiB), 6);
    expect(fastestRow(plan, 16)).toBe(row);
  });

  it('plans 1x, the given compression and 100x', () => {
    const plan = planExfiltration(config, { compression: 16 });
    expect(plan.compressions).toEqual([1, 16, 100]);
    const at1 = plan.rows.find((r) => r.compression === 1 && r.path === 'identity trainer')!;
    expect(at1.seconds).toBeCloseTo(byHand(ARTIFACT, 2 * MiB, 6 * GiB, DAY), 6);
  });

  it('caps colluding identities at the enclave rate', () => {
    const tight = parseEgressConfig({ ...policy, enclave: { rate: '3MiB/s' }, unsafeAllowFastExfiltration: true }, 'test');
    const row = planExfiltration(tight, { artifactBytes: [100 * MiB], compression: 1, colluding: 2 }).rows.find((r) => r.path === '2 colluding')!;
    expect(row.seconds).toBeCloseTo((100 * MiB) / (3 * MiB), 9);
  });

  it('fails config loading below minTimeToExfiltrate with the plan in the error, unless overridden', () => {
    const strict = parseEgressConfig(policy, 'test');
    let caught: unknown;
    try {
      checkExfiltrationGate(strict);
    } catch (error) {
      caught = error;
    }
    expect(isBulwarkError(caught) && caught.code).toBe('EGRESS_EXFIL_TOO_FAST');
    expect(isBulwarkError(caught) && caught.problems.some((p) => p.message.includes('2 colluding at 16x'))).toBe(true);
    expect(() => checkExfiltrationGate(config)).not.toThrow();
    const slow = parseEgressConfig({ ...policy, identities: { trainer: { ...policy.identities.trainer, budgets: { '24h': '1GiB' } } } }, 'test');
    expect(() => checkExfiltrationGate(slow)).not.toThrow();
  });
});
