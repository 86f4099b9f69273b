import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server/start.js';
import { createLogger } from '../src/server/logger.js';
import { BENIGN_BIOLOGY, CBRN_REQUEST } from './kit/harness.js';

// The real server on a real socket, driven by the official OpenAI SDK: what a user would do.
let server: RunningServer;
let client: OpenAI;

beforeAll(async () => {
  const home = mkdtempSync(path.join(tmpdir(), 'bulwark-openai-'));
  server = await startServer({ cwd: home, home, overrides: { server: { port: 0 }, auth: { required: true } } }, createLogger('silent'));
  const store = (await import('../src/server/start.js')).openStoreFor;
  const { store: keys } = await store({ cwd: home, home });
  const { key } = await keys.apiKeys.create({ tenant: 'sdk-test' });
  await keys.close();
  client = new OpenAI({ apiKey: key, baseURL: `${server.url}/v1`, maxRetries: 0 });
});
afterAll(async () => server.close());

describe('openai.moderations.create against Bulwark', () => {
  it('flags a CBRN weapons request', async () => {
    const result = await client.moderations.create({ input: CBRN_REQUEST, model: 'omni-moderation-latest' });
    expect(result.results[0]?.flagged).toBe(true);
  });

  it('does not flag a benign biology question', async () => {
    const result = await client.moderations.create({ input: BENIGN_BIOLOGY });
    expect(result.results[0]?.flagged).toBe(false);
  });

  it('handles a batch and keeps the order', async () => {
    const result = await client.moderations.create({ input: [BENIGN_BIOLOGY, CBRN_REQUEST] });
    expect(result.results.map((r) => r.flagged)).toEqual([false, true]);
  });

  it('surfaces a bad key as the SDK authentication error', async () => {
    const bad = new OpenAI({ apiKey: 'bwk_wrong', baseURL: `${server.url}/v1`, maxRetries: 0 });
    await expect(bad.moderations.create({ input: 'hi' })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });
});
