/**
 * Rules run on every request (and, in the gateway, on the held-back tail of every stream), and their
 * patterns come from policy files that rapid-response tooling may write. Node's regex engine
 * backtracks: `(a+)+$` is exponential on attacker-chosen input, and even `(ab)+c` is quadratic because
 * every start position rescans to the end. So rule regexes may use only *bounded* quantifiers, no
 * nesting of quantifiers, no backreferences and no lookaround. Then a match attempt at one position
 * inspects at most `maxMatchChars` characters, the total cost is linear in the input, and the same
 * bound sizes the streaming hold-back window (a match can never be longer).
 */
export const MAX_RULE_MATCH_CHARS = 1024;

export interface RegexAnalysis {
  /** Why the pattern is refused, or null when it is safe. */
  readonly unsafe: string | null;
  /** Upper bound on the length of any match. */
  readonly maxMatchChars: number;
}

class Refused extends Error {}

export function analyzeRuleRegex(pattern: string): RegexAnalysis {
  try {
    if (/\\[1-9]|\\k</.test(pattern)) throw new Refused('backreferences are not allowed');
    if (/\(\?<?[=!]/.test(pattern)) throw new Refused('lookaround assertions are not allowed');
    const parser = new BoundParser(pattern);
    const width = parser.parseAlternation(false);
    if (width > MAX_RULE_MATCH_CHARS) throw new Refused(`a match could be ${width} characters long; the limit is ${MAX_RULE_MATCH_CHARS}`);
    return { unsafe: null, maxMatchChars: width };
  } catch (error) {
    if (error instanceof Refused) return { unsafe: error.message, maxMatchChars: 0 };
    throw error;
  }
}

export function findUnsafeRegexReason(pattern: string): string | null {
  return analyzeRuleRegex(pattern).unsafe;
}

/** Computes the widest possible match while refusing unbounded or nested quantifiers. */
class BoundParser {
  private i = 0;
  constructor(private readonly p: string) {}

  parseAlternation(inGroup: boolean): number {
    let widest = 0;
    let current = 0;
    while (this.i < this.p.length) {
      const ch = this.p[this.i]!;
      if (ch === ')') {
        if (!inGroup) throw new Refused('unbalanced parenthesis');
        break;
      }
      if (ch === '|') {
        widest = Math.max(widest, current);
        current = 0;
        this.i += 1;
        continue;
      }
      const atom = this.parseAtom();
      const max = this.parseQuantifier();
      if (max !== null && atom.quantified) throw new Refused('nested quantifiers are not allowed (catastrophic backtracking)');
      current += atom.width * (max ?? 1);
      if (current > MAX_RULE_MATCH_CHARS * 4) throw new Refused(`a match could be longer than ${MAX_RULE_MATCH_CHARS} characters`);
    }
    if (inGroup && this.p[this.i] !== ')') throw new Refused('unbalanced parenthesis');
    return Math.max(widest, current);
  }

  private parseAtom(): { width: number; quantified: boolean } {
    const ch = this.p[this.i]!;
    if (ch === '(') {
      this.i += 1;
      if (this.p.startsWith('?:', this.i)) this.i += 2;
      else if (this.p.startsWith('?<', this.i)) this.i = this.p.indexOf('>', this.i) + 1;
      const before = this.i;
      const width = this.parseAlternation(true);
      const inner = this.p.slice(before, this.i);
      this.i += 1;
      return { width, quantified: /[*+?}]/.test(inner.replace(/\\./g, '')) };
    }
    if (ch === '[') {
      this.i = skipClass(this.p, this.i) + 1;
      return { width: 1, quantified: false };
    }
    if (ch === '\\') {
      this.i += 2;
      return { width: 1, quantified: false };
    }
    if (ch === '^' || ch === '$') {
      this.i += 1;
      return { width: 0, quantified: false };
    }
    if (ch === '*' || ch === '+' || ch === '?' || ch === '{') throw new Refused(`quantifier "${ch}" has nothing to repeat`);
    this.i += 1;
    return { width: 1, quantified: false };
  }

  /** Returns the maximum repeat count, or null when no quantifier follows. */
  private parseQuantifier(): number | null {
    const ch = this.p[this.i];
    if (ch === '*' || ch === '+') throw new Refused('unbounded quantifiers (*, +, {n,}) are not allowed; use a bounded one such as {0,64}');
    if (ch === '?') {
      this.i += 1;
      if (this.p[this.i] === '?') this.i += 1;
      return 1;
    }
    if (ch !== '{') return null;
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.p.slice(this.i));
    if (!m) return null;
    if (m[2] !== undefined && m[3] === '') throw new Refused('unbounded quantifiers (*, +, {n,}) are not allowed; use a bounded one such as {0,64}');
    this.i += m[0].length;
    if (this.p[this.i] === '?') this.i += 1;
    return Number(m[3] ?? m[1]);
  }
}

function skipClass(pattern: string, start: number): number {
  for (let i = start + 1; i < pattern.length; i += 1) {
    if (pattern[i] === '\\') i += 1;
    else if (pattern[i] === ']' && i > start + 1) return i;
  }
  throw new Refused('unterminated character class');
}
