import { describe, expect, it } from 'vitest';
import { isBulwarkError } from '../core/errors.js';
import {
  DEFAULT_APPROVAL_POLICY,
  effectiveMaxUses,
  isRuleSatisfied,
  maxGrantTtlSeconds,
  resolveApprovalPolicy,
  ruleFor,
} from './approval-policy.js';

const frontier = ruleFor(DEFAULT_APPROVAL_POLICY, 'frontier-weights');
const sec = (keyId: string) => ({ keyId, pools: ['security'] });
const peer = (keyId: string) => ({ keyId, pools: [] });

describe('approval rules', () => {
  it('AND-ed pools need distinct people: one security member cannot fill both slots', () => {
    expect(isRuleSatisfied(frontier, [sec('s1')])).toBe(false);
    expect(isRuleSatisfied(frontier, [sec('s1'), sec('s1')])).toBe(false);
    expect(isRuleSatisfied(frontier, [peer('p1'), peer('p2')])).toBe(false);
    expect(isRuleSatisfied(frontier, [peer('p1'), sec('s1')])).toBe(true);
    expect(isRuleSatisfied(frontier, [sec('s1'), sec('s2')])).toBe(true);
  });

  it('finds an assignment even when a greedy one would fail', () => {
    const rule = { approvals: [{ pool: null, count: 1 }, { pool: 'security', count: 1 }, { pool: 'ml-infra', count: 1 }] };
    const both = { keyId: 'b', pools: ['security', 'ml-infra'] };
    expect(isRuleSatisfied(rule, [both, sec('s'), peer('p')])).toBe(true);
    expect(isRuleSatisfied(rule, [both, sec('s')])).toBe(false);
  });

  it('falls back to the default rule for unknown labels, also for inherited names', () => {
    expect(ruleFor(DEFAULT_APPROVAL_POLICY, 'other')).toBe(DEFAULT_APPROVAL_POLICY.defaultRule);
    expect(ruleFor(DEFAULT_APPROVAL_POLICY, '__proto__')).toBe(DEFAULT_APPROVAL_POLICY.defaultRule);
    expect(ruleFor(DEFAULT_APPROVAL_POLICY, null)).toBe(DEFAULT_APPROVAL_POLICY.defaultRule);
  });

  it('caps TTL and uses by the label rule', () => {
    expect(maxGrantTtlSeconds(DEFAULT_APPROVAL_POLICY, frontier)).toBe(8 * 3600);
    expect(maxGrantTtlSeconds(DEFAULT_APPROVAL_POLICY, { approvals: [{ pool: null, count: 1 }], maxGrantTtlSeconds: 600 })).toBe(600);
    expect(effectiveMaxUses(5, frontier)).toBe(1);
    expect(effectiveMaxUses(5, DEFAULT_APPROVAL_POLICY.defaultRule)).toBe(5);
  });
});

describe('resolveApprovalPolicy', () => {
  it('fills defaults and freezes the result', () => {
    const policy = resolveApprovalPolicy({ maxGrantTtlSeconds: 3600 });
    expect(policy).toMatchObject({ maxGrantTtlSeconds: 3600, requestTtlSeconds: 3600, breakGlassTtlSeconds: 900 });
    expect(Object.isFrozen(policy) && Object.isFrozen(policy.labels)).toBe(true);
  });

  it('refuses a rule that needs no approval (one-party access), listing every problem', () => {
    let error: unknown;
    try {
      resolveApprovalPolicy({ defaultRule: { approvals: [] }, labels: { x: { approvals: [{ pool: 'Bad Pool', count: 0 }] } } });
    } catch (e) {
      error = e;
    }
    expect(isBulwarkError(error) && error.code).toBe('CONFIG_INVALID');
    expect(isBulwarkError(error) && error.problems.length).toBeGreaterThanOrEqual(3);
  });
});
