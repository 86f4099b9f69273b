import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { isBulwarkError } from '../core/errors.js';
import { openRedis, type RedisHandle } from './redis.js';
import { describeWithService, probeService } from './testing/service-gate.js';

const url = process.env.BULWARK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const keyPrefix = `bwk_test_${randomBytes(5).toString('hex')}:`;

const probe = await probeService(async () => {
  const handle = await openRedis(url, { connectTimeoutMs: 2_000 });
  await handle.close();
});

describeWithService(`redis (${url})`, 'Redis', probe, process.env.CI === 'true', () => {
  const handles: RedisHandle[] = [];
  const open = async (prefix = keyPrefix): Promise<RedisHandle> => {
    const handle = await openRedis(url, { keyPrefix: prefix });
    handles.push(handle);
    return handle;
  };

  afterAll(async () => {
    const raw = await open('');
    const leftovers = await raw.client.keys(`${keyPrefix}*`);
    if (leftovers.length > 0) await raw.client.del(...leftovers);
    await Promise.all(handles.map((h) => h.close()));
  });

  it('answers ping and namespaces every key with the prefix', async () => {
    const handle = await open();
    await handle.ping();
    await handle.client.set('budget', '42');
    const raw = await open('');
    expect(await raw.client.get(`${keyPrefix}budget`)).toBe('42');
    expect(await raw.client.get('budget')).toBeNull();
  });

  it('fails closed after close: ping and commands reject instead of queueing', async () => {
    const handle = await open();
    await handle.close();
    await handle.close();
    const error: unknown = await handle.ping().catch((e: unknown) => e);
    expect(isBulwarkError(error) && error.code).toBe('STORE_UNAVAILABLE');
    await expect(handle.client.get('budget')).rejects.toThrow();
  });
});

describe('redis without a server', () => {
  it('reports STORE_UNAVAILABLE instead of retrying forever', async () => {
    const error: unknown = await openRedis('redis://127.0.0.1:1', { connectTimeoutMs: 1_000 }).catch((e: unknown) => e);
    expect(isBulwarkError(error) && error.code).toBe('STORE_UNAVAILABLE');
  });
});
