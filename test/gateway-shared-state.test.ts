import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import OpenAI from 'openai';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openRedis } from '../src/store/redis.js';
import { describeWithService, probeService } from '../src/store/testing/service-gate.js';
import { MARKER_CLASSIFIER, startGatewayServer, type GatewayServer } from './kit/gateway-harness.js';
import type { UpstreamDouble } from './kit/upstream-double.js';
import { startOpenAiUpstream } from './kit/upstream-openai.js';

// Item 8: N stateless gateway replicas against one PostgreSQL (keys, exemptions, decisions) and one
// Redis (conversation and account risk). Two apps in-process, each with its own pools and clients.
function withDefaultUser(raw: string): string {
  const parsed = new URL(raw);
  if (parsed.username === '') parsed.username = userInfo().username;
  return parsed.toString();
}
const postgresUrl = withDefaultUser(process.env.BULWARK_TEST_POSTGRES_URL ?? 'postgres://127.0.0.1:5432/test');
const redisUrl = process.env.BULWARK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const run = `bwk_test_${randomBytes(5).toString('hex')}`;

async function withPg<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

const probe = await probeService(async () => {
  await withPg(async (client) => void (await client.query('SELECT 1')));
  const redis = await openRedis(redisUrl, { connectTimeoutMs: 2_000 });
  await redis.close();
});

describeWithService(`two gateway replicas (${postgresUrl}, ${redisUrl})`, 'PostgreSQL and Redis', probe, process.env.CI === 'true', () => {
  let upstream: UpstreamDouble;
  let replicas: GatewayServer[];

  beforeAll(async () => {
    upstream = await startOpenAiUpstream(() => ({ text: 'A placeholder answer.' }));
    const storage = { driver: 'postgres' as const, postgres: { url: postgresUrl, schema: run, poolSize: 4 }, redis: { url: redisUrl, keyPrefix: `${run}:` } };
    replicas = [];
    // One after the other: the first migrates the schema, the second finds it current.
    for (let i = 0; i < 2; i += 1) {
      replicas.push(await startGatewayServer({ openai: upstream.url, classifier: MARKER_CLASSIFIER, overrides: { storage, gateway: { exemptions: { cacheMs: 0 } } } }));
    }
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.close()));
    await upstream.close();
    await withPg(async (client) => void (await client.query(`DROP SCHEMA IF EXISTS "${run}" CASCADE`)));
    const redis = await openRedis(redisUrl);
    const keys = await redis.client.keys(`${run}:*`);
    if (keys.length > 0) await redis.client.del(...keys);
    await redis.close();
  });

  it('sees one conversation: turns alternating between replicas accumulate and the sixth is blocked', async () => {
    // A key created through one replica authenticates at the other: keys live in PostgreSQL.
    const clients = replicas.map((r) => new OpenAI({ apiKey: replicas[0]!.key, baseURL: `${r.url}/v1`, maxRetries: 0 }));
    const steps = Array.from({ length: 6 }, (_, i) => `mildstep shared ${i + 1}`);
    const decisions: string[] = [];
    for (let turn = 1; turn <= 6; turn += 1) {
      const messages = steps.slice(0, turn).map((content) => ({ role: 'user' as const, content }));
      const result = await clients[turn % 2]!.chat.completions
        .create({ model: 'gpt-test', user: 'shared-user', messages })
        .withResponse()
        .then(({ response }) => response.headers.get('x-bulwark-decision')!, (error: unknown) => (error instanceof OpenAI.BadRequestError ? String(error.code) : 'error'));
      decisions.push(result);
    }
    expect(decisions).toEqual(['allow', 'allow', 'allow', 'flag', 'flag', 'content_filter']);
    // Both replicas wrote to the one decision log.
    const inputs = (await replicas[1]!.store.decisions.list({ limit: 50 })).filter((d) => d.source === 'gateway.input' && d.details?.risk?.account === 'shared-user');
    expect(inputs).toHaveLength(6);
  });

  it('applies an exemption granted through one replica at the other', async () => {
    const granted = await replicas[0]!.store.exemptions.grant({ tenant: 'gateway-test', account: 'lab-user', categories: ['cbrn.bio'], reason: 'vetted', grantedBy: 'test', expiresAt: Date.now() + 60_000 });
    const client = new OpenAI({ apiKey: replicas[1]!.key, baseURL: `${replicas[1]!.url}/v1`, maxRetries: 0 });
    const { response } = await client.chat.completions.create({ model: 'gpt-test', user: 'lab-user', messages: [{ role: 'user', content: 'biohigh question' }] }).withResponse();
    expect(response.headers.get('x-bulwark-decision')).toBe('flag');
    await replicas[1]!.store.exemptions.revoke(granted.id, 'test');
  });
});
