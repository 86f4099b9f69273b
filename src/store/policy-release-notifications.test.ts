import { afterAll, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import { listenForPolicyReleases, POLICY_RELEASE_CHANNEL } from './policy-release-notifications.js';
import { createTestSchemas, probePostgres, testPostgresUrl, withPgClient } from './testing/postgres-test-db.js';
import { describeWithService } from './testing/service-gate.js';

const url = testPostgresUrl();
const schemas = createTestSchemas(url, 'notify');
const probe = await probePostgres(url);

/** Resolves when `check` holds; the test's own timeout bounds the wait. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

const release = (seq: number) => ({
  previousSeq: seq - 1 || null,
  name: 'p',
  version: String(seq),
  sha256: 'a'.repeat(64),
  body: 'name: p\n',
  publishedBy: 'alice',
  signerKeyId: 'c'.repeat(64),
  signature: `${'A'.repeat(86)}==`,
});

describeWithService(`policy release notifications on PostgreSQL (${url})`, 'PostgreSQL', probe, process.env.CI === 'true', () => {
  afterAll(() => schemas.dropAll());

  it('announces each release published in its schema, and only those', async () => {
    const [mine, other] = [schemas.fresh(), schemas.fresh()];
    const store = await openStore({ driver: 'postgres', postgres: { url, schema: mine } });
    const otherStore = await openStore({ driver: 'postgres', postgres: { url, schema: other } });
    const heard: (number | null)[] = [];
    const listener = listenForPolicyReleases({ url, schema: mine, onRelease: (seq) => heard.push(seq), onError: () => undefined });
    try {
      await listener.ready;
      expect(heard).toEqual([null]); // connected: a release may have been missed before
      await otherStore.policyReleases.publish(release(1));
      await store.policyReleases.publish(release(1));
      await store.policyReleases.publish(release(2));
      // A second publisher on the same predecessor inserts nothing, so announces nothing.
      expect(await store.policyReleases.publish(release(2))).toBeNull();
      await withPgClient(url, async (client) => void (await client.query('SELECT pg_notify($1, $2)', [POLICY_RELEASE_CHANNEL, 'not json'])));
      await store.policyReleases.publish(release(3));
      await until(() => heard.length >= 4);
      expect(heard).toEqual([null, 1, 2, 3]);
    } finally {
      await listener.close();
      await store.close();
      await otherStore.close();
    }
  });

  it('reconnects after its connection is killed, and says it may have missed a release', async () => {
    const schema = schemas.fresh();
    const store = await openStore({ driver: 'postgres', postgres: { url, schema } });
    const heard: (number | null)[] = [];
    const errors: Error[] = [];
    const listener = listenForPolicyReleases({ url, schema, retryMs: 20, onRelease: (seq) => heard.push(seq), onError: (error) => errors.push(error) });
    try {
      await listener.ready;
      await withPgClient(url, async (client) => {
        await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN ${POLICY_RELEASE_CHANNEL}' AND pid <> pg_backend_pid()`);
      });
      await until(() => errors.length >= 1 && heard.filter((seq) => seq === null).length >= 2);
      await store.policyReleases.publish(release(1));
      await until(() => heard.includes(1));
      expect(heard).toEqual([null, null, 1]);
    } finally {
      await listener.close();
      await store.close();
    }
  });

  it('keeps retrying while the database cannot be reached, and stops when closed', async () => {
    const errors: Error[] = [];
    const listener = listenForPolicyReleases({ url: 'postgres://nobody@127.0.0.1:1/none', retryMs: 10, maxRetryMs: 20, onRelease: () => undefined, onError: (error) => errors.push(error) });
    await listener.ready;
    await until(() => errors.length >= 3);
    await listener.close();
    const after = errors.length;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(errors.length).toBe(after);
    expect(errors[0]?.message).toContain('cannot LISTEN for policy releases');
  });
});
