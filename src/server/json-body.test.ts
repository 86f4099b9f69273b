import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BulwarkError } from '../core/errors.js';
import { firstDuplicateKey, parseJsonBody } from './json-body.js';

describe('firstDuplicateKey', () => {
  it('finds a key repeated in one object, at any depth, however it is escaped', () => {
    expect(firstDuplicateKey('{"messages":[1],"messages":[2]}')).toBe('messages');
    expect(firstDuplicateKey('{"a":{"b":1,"c":{"d":[{"e":1,"e":2}]}}}')).toBe('e');
    expect(firstDuplicateKey('{"a":1,"\\u0061":2}')).toBe('a');
    expect(firstDuplicateKey('{"a\\"b":1, "a\\u0022b" :2}')).toBe('a"b');
  });

  it('does not confuse keys of different objects, values, or text inside strings', () => {
    expect(firstDuplicateKey('[{"a":1},{"a":2}]')).toBeNull();
    expect(firstDuplicateKey('{"a":{"a":{"a":"a"}}}')).toBeNull();
    expect(firstDuplicateKey('{"a":"b","b":"a","c":["a","a"]}')).toBeNull();
    expect(firstDuplicateKey('{"text":"{\\"a\\":1,\\"a\\":2}"}')).toBeNull();
  });

  it('finds nothing in anything JSON.stringify writes, and finds a key added twice to any object', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => firstDuplicateKey(JSON.stringify(value)) === null));
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1, maxKeys: 5 }), fc.nat(), (object, pick) => {
        const keys = Object.keys(object);
        const key = keys[pick % keys.length]!;
        const text = JSON.stringify({ wrapper: [object] }).replace(/}\]}$/, () => `,${JSON.stringify(key)}:null}]}`);
        return firstDuplicateKey(text) === key;
      }),
    );
  });
});

describe('parseJsonBody', () => {
  it('refuses duplicate keys only when asked to, with REQUEST_INVALID_JSON', () => {
    const body = Buffer.from('{"messages":[{"role":"user","content":"one"}],"messages":[{"role":"user","content":"two"}]}');
    expect(parseJsonBody(body, 32)).toEqual({ messages: [{ role: 'user', content: 'two' }] });
    let error: BulwarkError | undefined;
    try {
      parseJsonBody(body, 32, { rejectDuplicateKeys: true });
    } catch (e) {
      error = e as BulwarkError;
    }
    expect(error?.code).toBe('REQUEST_INVALID_JSON');
    expect(error?.message).toContain('"messages"');
  });
});
