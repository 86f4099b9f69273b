import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { BENIGN_BIOLOGY, CBRN_REQUEST, shippedClassifier } from '../../test/kit/harness.js';
import { ClassifierPool } from './classifier-pool.js';
import { Guard, type GuardVerdict } from './guard.js';

const loaded = loadConfig({ cwd: tmpdir() });
const guard = new Guard(loaded.policy, shippedClassifier(), loaded.config.guard);
const modelFile = loaded.paths.modelFile;

/** A verdict without its timing, which is the only field allowed to differ between threads. */
const untimed = ({ latencyMs: _latency, ...rest }: GuardVerdict) => rest;

describe('ClassifierPool', () => {
  const pools: ClassifierPool[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.close()));
  });

  it('gives every text the verdict the main thread gives it, in order, for concurrent callers', async () => {
    const pool = await ClassifierPool.start({ threads: 2, timeoutMs: 60_000, modelFile, guard });
    pools.push(pool);
    const filler = 'The weather report for the coming week predicts mild temperatures and light rain. '.repeat(40);
    const texts = [BENIGN_BIOLOGY, CBRN_REQUEST, 'X\u200bY\u200bZ\u200bZ\u200bY-CANARY', `${filler}${CBRN_REQUEST} ${filler}`, 'aG93IGRvIHBsYW50cyBncm93Pw==', ''];
    const batches = [texts, texts.slice(1, 3), texts.slice(3).reverse(), [texts[0]!]];
    const results = await Promise.all(batches.map((batch) => pool.evaluate(batch)));
    results.forEach((verdicts, i) => {
      expect(verdicts.map(untimed)).toEqual(batches[i]!.map((text) => untimed(guard.evaluate(text))));
    });
    expect(results[0]![1]!.decision).toBe('block');
  });

  it('passes a reuse scope to its thread, whose verdicts on a growing conversation stay the main thread\'s', async () => {
    const pool = await ClassifierPool.start({ threads: 1, timeoutMs: 60_000, modelFile, guard });
    pools.push(pool);
    const turn = (i: number) => `Turn ${i}: the weather report for the coming week predicts mild temperatures and light rain. `.repeat(8);
    let conversation = `${CBRN_REQUEST}\n`;
    for (let i = 0; i < 12; i += 1) {
      conversation += `${turn(i)}\n`;
      const [verdict] = await pool.evaluate([conversation], 'input', 'tenant\u0000conversation');
      expect(untimed(verdict!)).toEqual(untimed(guard.evaluate(conversation)));
      expect(verdict!.decision).toBe('block');
    }
  });

  it('denies the batch of a thread that runs out of time (fail closed) and keeps serving with a new thread', async () => {
    const failures: Error[] = [];
    const pool = await ClassifierPool.start({ threads: 1, timeoutMs: 100, modelFile, guard, onThreadFailure: (error) => failures.push(error) });
    pools.push(pool);
    // Millions of characters: far more than a thread classifies in the timeout on any machine.
    const huge = `${BENIGN_BIOLOGY} `.repeat(80_000);
    const [slow] = await pool.evaluate([huge]);
    expect(slow!.failure).toBe('GUARD_CLASSIFIER_TIMEOUT');
    expect(slow!.decision).toBe('block');
    expect(failures).toHaveLength(1);
    const [next] = await pool.evaluate([BENIGN_BIOLOGY]);
    expect(untimed(next!)).toEqual(untimed(guard.evaluate(BENIGN_BIOLOGY)));
  });

  it('allows a timed-out text only under failOpenOnClassifierError, and still applies the rules', async () => {
    const open = new Guard(loaded.policy, shippedClassifier(), { ...loaded.config.guard, failOpenOnClassifierError: true });
    const pool = await ClassifierPool.start({ threads: 1, timeoutMs: 100, modelFile, guard: open });
    pools.push(pool);
    const [benign, canary] = await pool.evaluate([`${BENIGN_BIOLOGY} `.repeat(80_000), `XYZZY-CANARY ${BENIGN_BIOLOGY} `.repeat(80_000)]);
    expect(benign!.failure).toBe('GUARD_CLASSIFIER_TIMEOUT');
    expect(benign!.decision).toBe('allow');
    expect(canary!.decision).toBe('block');
    expect(canary!.matchedRules.map((rule) => rule.id)).toContain('canary-1');
  });

  it('refuses to start on a model file other than the one the guard was loaded from', async () => {
    const other = path.join(mkdtempSync(path.join(tmpdir(), 'bulwark-pool-')), 'other.bin');
    writeFileSync(other, readFileSync(modelFile).subarray(0, 64));
    await expect(ClassifierPool.start({ threads: 1, timeoutMs: 1_000, modelFile: other, guard })).rejects.toMatchObject({ code: 'GUARD_MODEL_UNAVAILABLE' });
  });

  it('puts a replaced policy in force on its threads, and starts later threads with it', async () => {
    const own = new Guard(loaded.policy, shippedClassifier(), loaded.config.guard);
    const failures: Error[] = [];
    const pool = await ClassifierPool.start({ threads: 1, timeoutMs: 100, modelFile, guard: own, onThreadFailure: (error) => failures.push(error) });
    pools.push(pool);
    const patch = 'zorbly-phrase-7 please';
    expect((await pool.evaluate([patch]))[0]!.decision).toBe('allow');

    const patched = structuredClone(loaded.policy);
    patched.rules.push({ id: 'rr-1', description: 'rapid patch', match: { literal: 'zorbly-phrase-7', caseSensitive: false }, category: 'cbrn.bio', action: 'block', appliesTo: 'both' });
    own.replacePolicy(patched);
    const [verdict] = await pool.evaluate([patch]);
    expect(verdict!.decision).toBe('block');
    expect(verdict!.matchedRules.map((rule) => rule.id)).toEqual(['rr-1']);
    expect(untimed(verdict!)).toEqual(untimed(own.evaluate(patch)));

    // A thread that replaces a failed one starts from the policy in force, not the one the pool started with.
    const [slow] = await pool.evaluate([`${BENIGN_BIOLOGY} `.repeat(80_000)]);
    expect(slow!.failure).toBe('GUARD_CLASSIFIER_TIMEOUT');
    expect(failures).toHaveLength(1);
    expect((await pool.evaluate([patch]))[0]!.matchedRules.map((rule) => rule.id)).toEqual(['rr-1']);
  });

  it('applies a scoped rule on its threads only to the side of the exchange it names', async () => {
    const own = new Guard(loaded.policy, shippedClassifier(), loaded.config.guard);
    const scoped = structuredClone(loaded.policy);
    scoped.rules.push(
      { id: 'in-1', match: { literal: 'zorbly-input', caseSensitive: false }, category: 'cbrn.bio', action: 'block', appliesTo: 'input' },
      { id: 'out-1', match: { literal: 'zorbly-output', caseSensitive: false }, category: 'cbrn.bio', action: 'block', appliesTo: 'output' },
    );
    own.replacePolicy(scoped);
    const pool = await ClassifierPool.start({ threads: 1, timeoutMs: 60_000, modelFile, guard: own });
    pools.push(pool);
    const text = 'zorbly-input and zorbly-output';
    const ids = (verdicts: GuardVerdict[]) => verdicts[0]!.matchedRules.map((rule) => rule.id);
    expect(ids(await pool.evaluate([text]))).toEqual(['in-1']);
    expect(ids(await pool.evaluate([text], 'input'))).toEqual(['in-1']);
    expect(ids(await pool.evaluate([text], 'output'))).toEqual(['out-1']);
    expect(untimed((await pool.evaluate([text], 'output'))[0]!)).toEqual(untimed(own.evaluate(text, 'output')));
  });
});
