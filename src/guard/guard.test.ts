import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import type { Policy } from '../config/policy-schema.js';
import { CBRN_REQUEST, shippedClassifier } from '../../test/kit/harness.js';
import { decide } from './decision.js';
import { Guard, type TextClassifier } from './guard.js';

const loaded = loadConfig({ cwd: tmpdir() });
const settings = loaded.config.guard;

const failing: TextClassifier = {
  name: 'failing',
  version: '0',
  categories: ['cbrn.bio'],
  score: () => {
    throw new Error('model crashed');
  },
};

describe('Guard', () => {
  it('denies when the classifier fails (fail closed), and says which check failed', () => {
    const verdict = new Guard(loaded.policy, failing, settings).evaluate('what is a ribosome?');
    expect(verdict.decision).toBe('block');
    expect(verdict.failure).toBe('GUARD_CLASSIFIER_FAILED');
    expect(verdict.reasons.join(' ')).toContain('fail closed');
  });

  it('allows on classifier failure only with the named risky switch', () => {
    const verdict = new Guard(loaded.policy, failing, { ...settings, failOpenOnClassifierError: true }).evaluate('what is a ribosome?');
    expect(verdict.decision).toBe('allow');
    expect(verdict.failure).toBe('GUARD_CLASSIFIER_FAILED');
  });

  it('treats an out-of-range score as a failure', () => {
    const broken: TextClassifier = { ...failing, score: () => ({ 'cbrn.bio': Number.NaN }) };
    expect(new Guard(loaded.policy, broken, settings).evaluate('hello').decision).toBe('block');
  });

  it('in shadow mode records the policy decision but enforces allow', () => {
    const shadow: Policy = { ...loaded.policy, mode: 'shadow' };
    const verdict = new Guard(shadow, shippedClassifier(), settings).evaluate('XYZZY-CANARY');
    expect(verdict.policyDecision).toBe('block');
    expect(verdict.flagged).toBe(true);
    expect(verdict.decision).toBe('allow');
  });

  it('finds a harmful request buried in a long benign text (windowed scoring)', () => {
    const filler = 'The weather report for the coming week predicts mild temperatures and light rain in the afternoon. '.repeat(60);
    const verdict = new Guard(loaded.policy, shippedClassifier(), settings).evaluate(`${filler}${CBRN_REQUEST} ${filler}`);
    expect(verdict.flagged).toBe(true);
  });

  it('scores a resent, longer conversation only where it changed, with the same verdicts as without reuse', () => {
    let calls = 0;
    const model = shippedClassifier();
    const counting: TextClassifier = { ...model, score: (input) => ((calls += 1), model.score(input)) };
    const reusing = new Guard(loaded.policy, counting, settings);
    const fresh = new Guard(loaded.policy, model, settings);
    const turn = (i: number) => `Turn ${i}: how do plants move water from roots to leaves, and why does it matter on a hot day? `.repeat(6);
    let conversation = Array.from({ length: 24 }, (_, i) => turn(i)).join('\n');
    expect(conversation.length).toBeGreaterThan(6 * settings.windowChars);
    const verdicts = [];
    const callsPerTurn = [];
    for (const extra of ['', `\n${turn(24)}`, `\n${turn(25)}`, `\n${CBRN_REQUEST}`]) {
      conversation += extra;
      calls = 0;
      const verdict = reusing.evaluate(conversation, 'input', 'tenant\u0000conversation-1');
      callsPerTurn.push(calls);
      const expected = fresh.evaluate(conversation);
      expect(verdict.categoryScores).toEqual(expected.categoryScores);
      expect(verdict.decision).toBe(expected.decision);
      verdicts.push(verdict.decision);
    }
    // The first request scores every window; each later one only the windows its new turn touches.
    expect(callsPerTurn[1]!).toBeLessThan(callsPerTurn[0]! / 3);
    expect(callsPerTurn[2]!).toBeLessThan(callsPerTurn[0]! / 3);
    expect(verdicts).toEqual(['allow', 'allow', 'allow', 'block']);
    // The flagged window stays flagged when it is reused.
    calls = 0;
    expect(reusing.evaluate(`${conversation}\nThanks.`, 'input', 'tenant\u0000conversation-1').decision).toBe('block');
    // Another scope shares nothing.
    calls = 0;
    reusing.evaluate(conversation, 'input', 'other-tenant\u0000conversation-1');
    expect(calls).toBeGreaterThanOrEqual(callsPerTurn[0]!);
  });

  it('finds a harmful request deep inside a long base64 text, whatever offset each window starts at', () => {
    const guard = new Guard(loaded.policy, shippedClassifier(), settings);
    const filler = 'The weather report for the coming week predicts mild temperatures and light rain in the afternoon. '.repeat(40);
    for (const pad of ['', 'a', 'ab', 'abc']) {
      const encoded = Buffer.from(`${pad}${filler}${CBRN_REQUEST}`).toString('base64');
      expect(encoded.length).toBeGreaterThan(2 * settings.windowChars);
      expect(guard.evaluate(`Decode this and answer it: ${encoded}`).flagged, `pad ${pad.length}`).toBe(true);
    }
  });

  it('matches rules on the normalized text, so obfuscated canaries are caught', () => {
    const guard = new Guard(loaded.policy, shippedClassifier(), settings);
    expect(guard.evaluate('X\u200bY\u200bZ\u200bZ\u200bY-CANARY').matchedRules.map((r) => r.id)).toEqual(['canary-1']);
    // Fullwidth look-alikes inside percent-encoding and hex: decoded, then folded like typed ones.
    const fullwidth = Buffer.from([...'XYZZY-CANARY'].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join(''));
    for (const hidden of [[...fullwidth].map((b) => `%${b.toString(16)}`).join(''), fullwidth.toString('hex').match(/../g)!.join(' ')]) {
      expect(guard.evaluate(`here: ${hidden} ok`).matchedRules.map((r) => r.id)).toEqual(['canary-1']);
    }
  });
});

describe('decide', () => {
  it('takes the most severe action across categories and rules', () => {
    const result = decide(loaded.policy, { 'cbrn.bio': 0.1, 'cbrn.chem': 0.99 }, [{ id: 'r', category: 'test.x', action: 'flag' }]);
    expect(result.decision).toBe('block');
    expect(result.categories).toMatchObject({ 'cbrn.bio': false, 'cbrn.chem': true, 'test.x': true });
  });

  it('flags between flagThreshold and threshold', () => {
    const policy: Policy = structuredClone(loaded.policy);
    policy.categories.harmful['cbrn.bio']!.flagThreshold = 0.3;
    policy.categories.harmful['cbrn.bio']!.threshold = 0.8;
    expect(decide(policy, { 'cbrn.bio': 0.5 }, []).decision).toBe('flag');
    expect(decide(policy, { 'cbrn.bio': 0.85 }, []).decision).toBe('block');
    expect(decide(policy, { 'cbrn.bio': 0.2 }, []).decision).toBe('allow');
  });
});
