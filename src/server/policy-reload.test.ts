import { describe, expect, it } from 'vitest';
import { coalescedReload, type PolicyReloadOutcome, type PolicyReloadTrigger } from './policy-reload.js';

const outcome: PolicyReloadOutcome = { status: 'unchanged', policy: 'p@1', sha256: 'a'.repeat(64) };

/** A reloader whose reloads finish when the test says so. */
function heldReloader() {
  const calls: PolicyReloadTrigger[] = [];
  const finish: (() => void)[] = [];
  return {
    calls,
    finishOne: async () => {
      finish.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    },
    reload: (trigger: PolicyReloadTrigger) => {
      calls.push(trigger);
      return new Promise<PolicyReloadOutcome>((resolve) => finish.push(() => resolve(outcome)));
    },
  };
}

describe('coalescedReload', () => {
  it('turns a flood of triggers during one reload into a single reload after it', async () => {
    const reloader = heldReloader();
    const reload = coalescedReload(reloader);
    for (let i = 0; i < 10_000; i += 1) reload(i === 0 ? 'watch' : 'push');
    expect(reloader.calls).toEqual(['watch']);
    await reloader.finishOne();
    expect(reloader.calls).toEqual(['watch', 'push']);
    await reloader.finishOne();
    expect(reloader.calls).toHaveLength(2);
    // Quiet again: the next trigger reloads at once.
    reload('push');
    expect(reloader.calls).toHaveLength(3);
  });

  it('keeps going after a reload that fails', async () => {
    let first = true;
    const calls: PolicyReloadTrigger[] = [];
    const reload = coalescedReload({
      reload: (trigger) => {
        calls.push(trigger);
        if (first) {
          first = false;
          return Promise.reject(new Error('store down'));
        }
        return Promise.resolve(outcome);
      },
    });
    reload('push');
    reload('push');
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['push', 'push']);
  });
});
