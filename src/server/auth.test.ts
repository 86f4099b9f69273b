import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/kit/harness.js';

const classify = (t: TestApp, headers: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: '/v1/classify', payload: { input: 'hello' }, headers });

describe('API keys', () => {
  let open: TestApp;
  let closed: TestApp;
  beforeAll(async () => {
    open = await createTestApp();
    closed = await createTestApp({ overrides: { auth: { required: true } } });
  });
  afterAll(async () => {
    await open.close();
    await closed.close();
  });

  it('requires a key when auth.required is set', async () => {
    const res = await classify(closed, {});
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_MISSING_KEY');
  });

  it('accepts a created key as Bearer or x-api-key and records its tenant', async () => {
    const { key } = await closed.store.apiKeys.create({ tenant: 'lab-a' });
    expect((await classify(closed, { authorization: `Bearer ${key}` })).statusCode).toBe(200);
    expect((await classify(closed, { 'x-api-key': key })).statusCode).toBe(200);
    const [latest] = await closed.store.decisions.list({ limit: 1 });
    expect(latest?.tenant).toBe('lab-a');
  });

  it('rejects a revoked key', async () => {
    const created = await closed.store.apiKeys.create({ tenant: 'lab-b' });
    await closed.store.apiKeys.revoke(created.id);
    const res = await classify(closed, { authorization: `Bearer ${created.key}` });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_INVALID_KEY');
  });

  it('rejects a wrong key even where anonymous use is allowed', async () => {
    expect((await classify(open, {})).statusCode).toBe(200);
    const res = await classify(open, { authorization: 'Bearer bwk_not-a-real-key' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_INVALID_KEY');
  });
});
