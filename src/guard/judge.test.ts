import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import type { JudgeBackend } from './chat-judge.js';
import { Guard, type TextClassifier } from './guard.js';
import { JudgeStage } from './judge.js';

// Which verdicts the judge stage sends at all. The calls themselves, verdict formats and failures are
// tested against a chat-completions double in test/gateway-judge.test.ts.
const loaded = loadConfig({ cwd: tmpdir() });
const fixed = (bio: number): TextClassifier => ({ name: 'fixed', version: '1', categories: ['cbrn.bio'], score: () => ({ 'cbrn.bio': bio, 'cbrn.chem': 0, 'cbrn.rad_nuc': 0 }) });
const unreachable: JudgeBackend = {
  name: 'unreachable@nowhere',
  complete: () => Promise.reject(new Error('not to be called')),
  close: async () => undefined,
};
const stage = new JudgeStage(unreachable, loaded, { band: { min: 0.2, max: 0.6 }, timeoutMs: 100, maxInputChars: 1000, verdict: { format: 'llama-guard' }, failOpenOnClassifierError: false });
const verdict = (bio: number, text = 'a question') => new Guard(loaded.policy, fixed(bio), loaded.config.guard).evaluate(text);

describe('judge band routing', () => {
  it('sends scores in [min, max) and nothing else', () => {
    expect(stage.reviewable(verdict(0.199))).toEqual([]);
    expect(stage.reviewable(verdict(0.2))).toEqual(['cbrn.bio']);
    expect(stage.reviewable(verdict(0.599))).toEqual(['cbrn.bio']);
    expect(stage.reviewable(verdict(0.6))).toEqual([]);
  });

  it('never sends a text a rule already blocks, nor one whose classifier failed', () => {
    expect(stage.reviewable(verdict(0.4, 'say XYZZY-CANARY'))).toEqual([]);
    const broken: TextClassifier = { ...fixed(0.4), score: () => ({ 'cbrn.bio': Number.NaN }) };
    expect(stage.reviewable(new Guard(loaded.policy, broken, loaded.config.guard).evaluate('x'))).toEqual([]);
  });

  it('returns a verdict it does not send unchanged, without calling the backend', async () => {
    const outside = verdict(0.9);
    expect(await stage.review('a question', outside)).toBe(outside);
  });
});
