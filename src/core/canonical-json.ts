/**
 * Canonical JSON (the RFC 8785 JCS rules for the values we accept): object keys sorted by UTF-16 code
 * units, no whitespace, strings and numbers as ECMAScript JSON.stringify writes them. The same value
 * always becomes the same bytes, so audit leaf hashes and signatures are reproducible by anyone.
 *
 * Threat: two different values serializing to the same bytes would let one hash or signature cover
 * both. Everything JSON cannot represent exactly (NaN, ±Infinity, undefined, bigint, class instances,
 * symbol keys, sparse arrays, cycles via the depth bound) is refused rather than silently coerced.
 * `strict` also refuses -0 and unpaired surrogates, for payloads that are signed.
 */
export interface CanonicalJsonOptions {
  readonly maxDepth: number;
  readonly strict?: boolean;
}

export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
}

// In unicode mode a paired surrogate is one code point, so this matches only an unpaired half.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

export function canonicalJson(value: unknown, options: CanonicalJsonOptions): string {
  const parts: string[] = [];
  new Writer(options, parts).write(value, 0);
  return parts.join('');
}

class Writer {
  constructor(
    private readonly options: CanonicalJsonOptions,
    private readonly out: string[],
  ) {}

  write(value: unknown, depth: number): void {
    if (value === null || typeof value === 'boolean') {
      this.out.push(JSON.stringify(value));
    } else if (typeof value === 'string') {
      this.checkString(value);
      this.out.push(JSON.stringify(value));
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new CanonicalJsonError('numbers must be finite');
      if (this.options.strict && Object.is(value, -0)) throw new CanonicalJsonError('-0 is not representable');
      this.out.push(JSON.stringify(value));
    } else if (typeof value !== 'object') {
      throw new CanonicalJsonError(`a ${typeof value} is not JSON`);
    } else if (depth >= this.options.maxDepth) {
      throw new CanonicalJsonError('nesting is too deep');
    } else if (Array.isArray(value)) {
      this.writeArray(value, depth);
    } else {
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError('only plain objects are JSON');
      this.writeObject(value as Record<string, unknown>, depth);
    }
  }

  private checkString(value: string): void {
    // A lone surrogate has no UTF-8 encoding; the bytes signed would not be the string checked.
    if (this.options.strict && LONE_SURROGATE.test(value)) throw new CanonicalJsonError('a string is not well-formed Unicode');
  }

  private writeArray(value: readonly unknown[], depth: number): void {
    this.out.push('[');
    for (let i = 0; i < value.length; i += 1) {
      if (!(i in value)) throw new CanonicalJsonError('arrays must not have holes');
      if (i > 0) this.out.push(',');
      this.write(value[i], depth + 1);
    }
    this.out.push(']');
  }

  private writeObject(value: Record<string, unknown>, depth: number): void {
    // Object.keys skips symbol keys; they cannot be JSON and would be silently dropped.
    if (Object.getOwnPropertySymbols(value).length > 0) throw new CanonicalJsonError('symbol keys are not JSON');
    const keys = Object.keys(value).sort();
    this.out.push('{');
    keys.forEach((key, i) => {
      this.checkString(key);
      if (i > 0) this.out.push(',');
      this.out.push(JSON.stringify(key), ':');
      this.write(value[key], depth + 1);
    });
    this.out.push('}');
  }
}
