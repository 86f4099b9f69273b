import { describe, expect, it } from 'vitest';
import { JudgeReplyError, parseJsonVerdict, parseLlamaGuardVerdict, verdictParser } from './judge-verdict.js';

describe('Llama Guard verdicts', () => {
  it.each([
    ['safe', { unsafe: false, categories: [] }],
    ['\n safe \n', { unsafe: false, categories: [] }],
    ['Safe', { unsafe: false, categories: [] }],
    ['unsafe', { unsafe: true, categories: [] }],
    ['unsafe\nS9', { unsafe: true, categories: ['S9'] }],
    ['unsafe\r\nS1, S9\n', { unsafe: true, categories: ['S1', 'S9'] }],
  ])('reads %j', (reply, expected) => {
    expect(parseLlamaGuardVerdict(reply)).toEqual(expected);
  });

  // Model output is attacker-influenced: anything that is not exactly a verdict is a failure, never "safe".
  it.each(['', 'The content is safe.', 'safe\nbut also S9', 'unsafe\nS1\nextra text', 'yes', `unsafe\n${'S'.repeat(100)}`])('refuses %j', (reply) => {
    expect(() => parseLlamaGuardVerdict(reply)).toThrow(JudgeReplyError);
  });
});

describe('JSON verdicts', () => {
  const read = (reply: string) => parseJsonVerdict(reply, 'violation', 'category');

  it.each([
    ['{"violation":1,"category":"S9"}', { unsafe: true, categories: ['S9'] }],
    ['{"violation":0,"category":null}', { unsafe: false, categories: [] }],
    ['{"violation":true,"category":["cbrn","weapons"]}', { unsafe: true, categories: ['cbrn', 'weapons'] }],
    ['{"violation":false}', { unsafe: false, categories: [] }],
    ['```json\n{"violation":1}\n```', { unsafe: true, categories: [] }],
  ])('reads %j', (reply, expected) => {
    expect(read(reply)).toEqual(expected);
  });

  it('follows a dotted path', () => {
    expect(parseJsonVerdict('{"result":{"flag":1,"labels":["x"]}}', 'result.flag', 'result.labels')).toEqual({ unsafe: true, categories: ['x'] });
  });

  it.each(['', 'not json', '[1]', '{"violation":"yes"}', '{"violation":2}', '{}', '{"violation":1,"category":{"a":1}}', 'Here you go: {"violation":0}'])('refuses %j', (reply) => {
    expect(() => read(reply)).toThrow(JudgeReplyError);
  });

  it('is chosen by the configured format', () => {
    expect(verdictParser({ format: 'json', violationField: 'v', categoryField: 'c' })('{"v":0}')).toEqual({ unsafe: false, categories: [] });
    expect(verdictParser({ format: 'llama-guard' })('unsafe\nS2')).toEqual({ unsafe: true, categories: ['S2'] });
  });
});
