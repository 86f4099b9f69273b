import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeRuleRegex, findUnsafeRegexReason, MAX_RULE_MATCH_CHARS } from './regex-safety.js';

describe('rule regex safety', () => {
  it.each([
    ['XYZZY-CANARY', 12],
    ['sarin\\s{1,3}synth', 13],
    ['[a-z]{2,8}-canary', 15],
    ['(foo|barbaz) qux', 10],
    ['(?:ab){1,4}c', 9],
    ['^colou?r$', 6],
  ])('accepts %s with max match %i', (pattern, width) => {
    expect(analyzeRuleRegex(pattern)).toEqual({ unsafe: null, maxMatchChars: width });
  });

  it.each([
    ['(a+)+$', 'unbounded'],
    ['a.*b', 'unbounded'],
    ['x{3,}', 'unbounded'],
    ['(a{1,3}){1,3}', 'nested quantifiers'],
    ['(x)\\1', 'backreferences'],
    ['foo(?=bar)', 'lookaround'],
    ['(abc', 'unbalanced'],
    ['abc)', 'unbalanced'],
    ['[abc', 'unterminated'],
    ['.{1000}.{1000}', 'limit'],
  ])('refuses %s', (pattern, reason) => {
    expect(findUnsafeRegexReason(pattern)).toContain(reason);
  });

  it('never lets an accepted pattern match more than its computed bound', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', '[ab]', '(?:a|bb)', 'a{0,3}', 'b?', '.', '(ab|b)'), { minLength: 1, maxLength: 6 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 40 }),
        (parts, input) => {
          const pattern = parts.join('');
          const analysis = analyzeRuleRegex(pattern);
          expect(analysis.unsafe).toBeNull();
          expect(analysis.maxMatchChars).toBeLessThanOrEqual(MAX_RULE_MATCH_CHARS);
          for (const m of input.matchAll(new RegExp(pattern, 'g'))) expect(m[0].length).toBeLessThanOrEqual(analysis.maxMatchChars);
        },
      ),
    );
  });
});
