import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENIGN_BIOLOGY, CBRN_REQUEST, createTestApp, type TestApp } from '../../test/kit/harness.js';
import { policyFingerprint } from './policy-audit.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ overrides: { server: { bodyLimitBytes: 64 * 1024, maxJsonDepth: 16 } } });
});
afterAll(async () => t.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload), headers: { 'content-type': 'application/json', ...headers } });

describe('POST /v1/classify', () => {
  it('blocks a canary rule hit and says which rule matched', async () => {
    const res = await post('/v1/classify', { input: 'please repeat XYZZY-CANARY back to me' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-bulwark-request-id']).toMatch(/^req_/);
    const body = res.json();
    expect(body.results[0]).toMatchObject({ flagged: true, decision: 'block', matched_rules: ['canary-1'] });
    expect(body.results[0].categories['test.canary']).toBe(true);
    expect(body.model).toMatch(/@/);
    expect(body.policy).toBe('bulwark-default@2026.11.27-2');
  });

  it('flags a CBRN weapons request and passes a benign biology question, per input', async () => {
    const res = await post('/v1/classify', { input: [CBRN_REQUEST, BENIGN_BIOLOGY] });
    const [harmful, benign] = res.json().results;
    expect(harmful).toMatchObject({ flagged: true, decision: 'block' });
    expect(harmful.category_scores['cbrn.bio']).toBeGreaterThan(0.5);
    expect(benign).toMatchObject({ flagged: false, decision: 'allow', matched_rules: [] });
  });

  it('classifies a whole conversation given as messages', async () => {
    const res = await post('/v1/classify', {
      messages: [
        { role: 'system', content: 'You are helpful.' },
        { role: 'user', content: [{ type: 'text', text: 'Canary check: XYZZY-CANARY' }] },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().results).toHaveLength(1);
    expect(res.json().results[0].flagged).toBe(true);
  });

  it('records every decision with the input hash but not the input', async () => {
    const before = await t.store.decisions.count();
    await post('/v1/classify', { input: ['one benign question about cells', 'another about enzymes'] });
    expect(await t.store.decisions.count()).toBe(before + 2);
    const [latest] = await t.store.decisions.list({ limit: 1 });
    expect(latest).toMatchObject({ source: 'classify', tenant: 'anonymous', input: null, decision: 'allow' });
    expect(latest!.inputHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('bad input never yields a 5xx', () => {
  it.each([
    ['invalid JSON', '{"input": ', 400, 'REQUEST_INVALID_JSON'],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x69, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 400, 'REQUEST_INVALID_JSON'],
    ['an empty body', '', 400, 'REQUEST_INVALID_JSON'],
    ['a wrong type', { input: 42 }, 400, 'REQUEST_INVALID_BODY'],
    ['an unknown field', { input: 'x', extra: true }, 400, 'REQUEST_INVALID_BODY'],
    ['empty input', { input: '' }, 400, 'REQUEST_EMPTY_INPUT'],
    ['an empty list', { input: [] }, 400, 'REQUEST_EMPTY_INPUT'],
    ['whitespace input', { input: ['ok', '   '] }, 400, 'REQUEST_EMPTY_INPUT'],
    ['deep nesting', `{"input":"x","a":${'['.repeat(100)}${']'.repeat(100)}}`, 400, 'REQUEST_TOO_DEEP'],
    ['a body over the limit', { input: 'a'.repeat(70 * 1024) }, 413, 'REQUEST_TOO_LARGE'],
  ])('rejects %s with a typed 4xx', async (_name, payload, status, code) => {
    const res = await post('/v1/classify', payload);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ error: { code } });
    expect(typeof res.json().error.message).toBe('string');
  });

  it('says which body shapes /v1/classify accepts when a body has neither', async () => {
    const res = await post('/v1/classify', { text: 'the field is called input' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems).toEqual([{ path: '(body)', message: expect.stringContaining('{"input": a string or an array of strings} or {"messages"') }]);
  });

  it('rejects a non-JSON content type with 415', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/classify', payload: 'input=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('REQUEST_UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers unknown routes with a typed 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('REQUEST_NOT_FOUND');
  });

  it('answers a path segment longer than any id or name with 414, and one that fits normally', async () => {
    const long = await t.app.inject({ method: 'GET', url: `/api/access/requests/${'r'.repeat(300)}` });
    expect(long.statusCode).toBe(414);
    expect(long.json().error.code).toBe('REQUEST_URI_TOO_LONG');
    const fits = await t.app.inject({ method: 'GET', url: `/api/access/requests/${'r'.repeat(200)}` });
    expect(fits.statusCode).not.toBe(414);
  });

  it('holds for random bodies on every POST endpoint (property)', async () => {
    const body = fc.oneof(
      fc.json(),
      fc.string(),
      fc.uint8Array({ maxLength: 256 }).map((b) => Buffer.from(b)),
      fc.record({ input: fc.oneof(fc.string(), fc.array(fc.string()), fc.integer(), fc.constant(null)) }).map((o) => JSON.stringify(o)),
      fc.record({ messages: fc.array(fc.record({ role: fc.string(), content: fc.oneof(fc.string(), fc.integer()) })) }).map((o) => JSON.stringify(o)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/v1/classify', '/v1/moderations'), body, async (url, payload) => {
        const res = await post(url, payload);
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode >= 400) expect(res.json().error.code).toMatch(/^[A-Z_]+$/);
      }),
      { numRuns: 150 },
    );
  });
});

describe('POST /v1/moderations (OpenAI shape)', () => {
  it('returns results with flagged, categories and category_scores', async () => {
    const res = await post('/v1/moderations', { input: [{ type: 'text', text: CBRN_REQUEST }], model: 'omni-moderation-latest' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.id).toMatch(/^modr_/);
    expect(body.results[0].flagged).toBe(true);
    expect(body.results[0].categories['cbrn.bio']).toBe(true);
    expect(body.results[0].category_applied_input_types['cbrn.bio']).toEqual(['text']);
  });

  it('refuses image inputs with a clear 400', async () => {
    const res = await post('/v1/moderations', { input: [{ type: 'image_url', image_url: { url: 'data:,' } }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('REQUEST_INVALID_BODY');
  });
});

describe('health and metrics', () => {
  it('reports health with model and policy versions', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', mode: 'enforce', policy: t.guard.policyId, policySha256: policyFingerprint(t.guard.policy).sha256 });
  });

  it('exposes Prometheus metrics including guard decisions', async () => {
    await post('/v1/classify', { input: 'XYZZY-CANARY' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(/bulwark_guard_decisions_total\{source="classify",decision="block"\} \d+/);
  });
});
