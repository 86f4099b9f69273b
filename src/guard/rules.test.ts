import { describe, expect, it } from 'vitest';
import type { PolicyRule } from '../config/policy-schema.js';
import { RuleSet } from './rules.js';

const rule = (id: string, literal: string, appliesTo: PolicyRule['appliesTo']): PolicyRule => ({
  id,
  match: { literal, caseSensitive: false },
  category: 'test.canary',
  action: 'block',
  appliesTo,
});

describe('RuleSet', () => {
  const rules = new RuleSet([
    rule('both', 'XYZZY-CANARY', 'both'),
    rule('in', 'a long reported jailbreak phrase that no answer would quote', 'input'),
    rule('out', 'PLUGH-MARKER', 'output'),
  ]);

  it('matches each rule only on the side of the exchange it applies to', () => {
    const text = 'xyzzy-canary and plugh-marker and a long reported jailbreak phrase that no answer would quote';
    expect(rules.match([text], 'input').map((hit) => hit.id)).toEqual(['both', 'in']);
    expect(rules.match([text], 'output').map((hit) => hit.id)).toEqual(['both', 'out']);
  });

  it('sizes the stream hold-back from the rules that apply to output only', () => {
    expect(rules.longestOutputMatchChars).toBe('XYZZY-CANARY'.length);
    expect(new RuleSet([rule('in', 'x'.repeat(500), 'input')]).longestOutputMatchChars).toBe(0);
    expect(new RuleSet([rule('both', 'x'.repeat(500), 'both')]).longestOutputMatchChars).toBe(500);
  });
});
