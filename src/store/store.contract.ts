import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.js';
import { isBulwarkError } from '../core/errors.js';
import { sha256Hex } from '../core/hash.js';
import { newId, newSecret } from '../core/ids.js';
import { STORE_MIGRATIONS } from './migrations/index.js';
import type { OpenStoreOptions } from './open-store.js';
import type { DecisionRecord, Store, StoreDialect } from './types.js';

/** A store over storage of its own, plus a way to open that same storage again. */
export interface OpenedStore {
  readonly store: Store;
  reopen(): Promise<Store>;
}

export interface StoreFactory {
  readonly dialect: StoreDialect;
  /** Fresh, empty storage each call. */
  open(options?: OpenStoreOptions): Promise<OpenedStore>;
  /** Runs once after every test (drop schemas, remove files). */
  cleanup?(): Promise<void>;
}

export function sampleDecision(overrides: Partial<DecisionRecord> = {}): DecisionRecord {
  const createdAt = overrides.createdAt ?? 1_700_000_000_000;
  return {
    id: newId('dec', createdAt),
    createdAt,
    tenant: 'acme',
    source: 'classify',
    inputHash: sha256Hex('hello'),
    input: 'hello',
    decision: 'allow',
    flagged: false,
    categories: [],
    scores: { cbrn: 0.01 },
    matchedRules: [],
    modelVersion: 'builtin-2025.1',
    policyVersion: 'policy-7',
    mode: 'enforce',
    latencyMs: 2.25,
    ...overrides,
  };
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isBulwarkError(error) ? error.code : error).toBe(code);
}

/**
 * The behaviour every store adapter must show. Registered once per dialect (sqlite.test.ts,
 * postgres.test.ts); an adapter-specific check belongs in that adapter's test file, not here.
 */
export function registerStoreContract(factory: StoreFactory): void {
  const opened: Store[] = [];
  const open = async (options?: OpenStoreOptions): Promise<OpenedStore> => {
    const target = await factory.open(options);
    opened.push(target.store);
    return {
      store: target.store,
      reopen: async () => {
        const again = await target.reopen();
        opened.push(again);
        return again;
      },
    };
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await factory.cleanup?.();
  });

  registerApiKeyContract(open);
  registerDecisionContract(open);
  registerLifecycleContract(open, factory.dialect);
}

type Open = (options?: OpenStoreOptions) => Promise<OpenedStore>;

function registerApiKeyContract(open: Open): void {
  describe('api keys', () => {
    it('creates a bwk_ key that authenticates to its tenant', async () => {
      const { store } = await open({ clock: fixedClock(1_700_000_000_000) });
      const created = await store.apiKeys.create({ tenant: 'acme', name: 'ci' });
      expect(created.key).toMatch(/^bwk_[A-Za-z0-9_-]{43}$/);
      expect(created).toMatchObject({ tenant: 'acme', name: 'ci', createdAt: 1_700_000_000_000 });
      expect(await store.apiKeys.authenticate(created.key)).toEqual({ id: created.id, tenant: 'acme' });
    });

    it('stores only the hash and a short prefix, never the plaintext', async () => {
      const { store } = await open();
      const created = await store.apiKeys.create({ tenant: 'acme' });
      const raw = await sql<Record<string, unknown>>`SELECT * FROM api_keys`.execute(store.db);
      expect(raw.rows).toHaveLength(1);
      const dump = JSON.stringify(raw.rows);
      expect(dump).not.toContain(created.key);
      expect(dump).not.toContain(created.key.slice(12));
      expect(raw.rows[0]).toMatchObject({ key_hash: sha256Hex(created.key), prefix: created.key.slice(0, 12) });
    });

    it('rejects wrong, altered, malformed and hash-as-key presentations', async () => {
      const { store } = await open();
      const { key } = await store.apiKeys.create({ tenant: 'acme' });
      const last = key.at(-1) === 'A' ? 'B' : 'A';
      const wrong = [
        newSecret('bwk'),
        key.slice(0, -1) + last,
        `${key} `,
        key.slice(0, 12),
        key.replace(/^bwk_/, ''),
        sha256Hex(key),
        '',
        `bwk_${'x'.repeat(10_000)}`,
      ];
      for (const candidate of wrong) expect(await store.apiKeys.authenticate(candidate)).toBeNull();
    });

    it('a revoked key stops authenticating; others keep working', async () => {
      const clock = fixedClock(1_700_000_000_000);
      const { store } = await open({ clock });
      const revoked = await store.apiKeys.create({ tenant: 'acme' });
      const kept = await store.apiKeys.create({ tenant: 'acme' });
      clock.advance(5_000);
      expect(await store.apiKeys.revoke(revoked.id)).toBe(true);
      expect(await store.apiKeys.revoke(revoked.id)).toBe(false);
      expect(await store.apiKeys.revoke('key_unknown')).toBe(false);
      expect(await store.apiKeys.authenticate(revoked.key)).toBeNull();
      expect(await store.apiKeys.authenticate(kept.key)).toEqual({ id: kept.id, tenant: 'acme' });
      const listed = await store.apiKeys.list();
      expect(listed.find((k) => k.id === revoked.id)?.revokedAt).toBe(1_700_000_005_000);
      expect(listed.find((k) => k.id === kept.id)?.revokedAt).toBeNull();
    });

    it('lists keys oldest first without any secret material', async () => {
      const clock = fixedClock(1_700_000_000_000);
      const { store } = await open({ clock });
      const first = await store.apiKeys.create({ tenant: 'acme', name: 'first' });
      clock.advance(1);
      const second = await store.apiKeys.create({ tenant: 'globex' });
      const listed = await store.apiKeys.list();
      expect(listed).toEqual([
        { id: first.id, tenant: 'acme', name: 'first', prefix: first.key.slice(0, 12), createdAt: 1_700_000_000_000, revokedAt: null },
        { id: second.id, tenant: 'globex', name: null, prefix: second.key.slice(0, 12), createdAt: 1_700_000_000_001, revokedAt: null },
      ]);
    });
  });
}

async function insertAll(store: Store, records: readonly DecisionRecord[]): Promise<void> {
  for (const record of records) await store.decisions.insert(record);
}

function registerDecisionContract(open: Open): void {
  describe('decisions', () => {
    it('commits concurrent inserts together, and a bad record fails only its own caller', async () => {
      const { store } = await open();
      const before = await store.decisions.count();
      const records = Array.from({ length: 40 }, (_, i) => sampleDecision({ id: `dec_concurrent_${i}`, createdAt: 1_800_000_000_000 + i }));
      const duplicate = { ...records[7]!, decision: 'allow' as const };
      const results = await Promise.allSettled([...records, duplicate].map((r) => store.decisions.insert(r)));
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
      expect(results[40]?.status).toBe('rejected');
      expect(await store.decisions.count()).toBe(before + 40);
      expect((await store.decisions.get('dec_concurrent_7'))?.decision).toBe(records[7]!.decision);
    });

    it('round-trips every field, JSON columns included, as the same plain object', async () => {
      const { store } = await open();
      const record = sampleDecision({
        tenant: null,
        input: 'Ünïcode ✓ "quotes" \\ back\nslash 🧪',
        decision: 'block',
        flagged: true,
        categories: ['cbrn.bio', 'cbrn.chem'],
        scores: { 'cbrn.bio': 0.987654321, 'cbrn.chem': 1e-12, zero: 0, one: 1 },
        matchedRules: ['rule:α', 'rule:β'],
        mode: 'shadow',
        latencyMs: 12.345,
      });
      await store.decisions.insert(record);
      const got = await store.decisions.get(record.id);
      expect(got).toEqual(record);
      expect(typeof got?.createdAt).toBe('number');
      expect(await store.decisions.get('dec_missing')).toBeNull();
    });

    it('round-trips arbitrary unicode and scores (property)', async () => {
      const { store } = await open();
      const text = fc.string({ unit: 'binary', maxLength: 40 });
      const safeText = text.map((s) => s.replaceAll('\u0000', ''));
      const score = fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));
      const arbitraryRecord = fc.record({
        tenant: fc.option(safeText, { nil: null }),
        input: fc.option(text, { nil: null }),
        categories: fc.array(safeText, { maxLength: 4 }),
        matchedRules: fc.array(safeText, { maxLength: 4 }),
        scores: fc.dictionary(safeText.filter((k) => k !== '__proto__'), score, { maxKeys: 4 }),
        flagged: fc.boolean(),
        latencyMs: fc.double({ min: 0, max: 1e6, noNaN: true }),
      });
      await fc.assert(
        fc.asyncProperty(arbitraryRecord, async (fields) => {
          const record = sampleDecision(fields);
          await store.decisions.insert(record);
          const expected = { ...record, input: record.input?.replaceAll('\u0000', '\uFFFD') ?? null };
          expect(await store.decisions.get(record.id)).toEqual(expected);
        }),
        { numRuns: 60 },
      );
    });

    it('lists newest first, breaking createdAt ties by id', async () => {
      const { store } = await open();
      const t = 1_700_000_000_000;
      const records = [t + 2, t, t + 1, t + 1, t + 3].map((createdAt) => sampleDecision({ createdAt }));
      await insertAll(store, records);
      const expected = [...records]
        .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
        .map((r) => r.id);
      expect((await store.decisions.list()).map((r) => r.id)).toEqual(expected);
      expect(await store.decisions.count()).toBe(5);
    });

    it('pages with the before cursor without gaps or repeats', async () => {
      const { store } = await open();
      const records = Array.from({ length: 11 }, (_, i) => sampleDecision({ createdAt: 1_700_000_000_000 + (i % 4) }));
      await insertAll(store, records);
      const all = (await store.decisions.list({ limit: 100 })).map((r) => r.id);
      const paged: string[] = [];
      let before: string | undefined;
      for (;;) {
        const page = await store.decisions.list({ limit: 3, ...(before === undefined ? {} : { before }) });
        paged.push(...page.map((r) => r.id));
        if (page.length < 3) break;
        before = page.at(-1)?.id;
      }
      expect(paged).toEqual(all);
      expect(new Set(paged).size).toBe(11);
      expect(await store.decisions.list({ before: 'dec_unknown' })).toEqual([]);
    });

    it('filters by tenant and decision, alone, together and with a cursor', async () => {
      const { store } = await open();
      const t = 1_700_000_000_000;
      await insertAll(store, [
        sampleDecision({ createdAt: t, tenant: 'acme', decision: 'allow' }),
        sampleDecision({ createdAt: t + 1, tenant: 'acme', decision: 'block', flagged: true }),
        sampleDecision({ createdAt: t + 2, tenant: 'globex', decision: 'block', flagged: true }),
        sampleDecision({ createdAt: t + 3, tenant: null, decision: 'flag', flagged: true }),
        sampleDecision({ createdAt: t + 4, tenant: 'acme', decision: 'block', flagged: true }),
      ]);
      const shape = (rs: DecisionRecord[]): [string | null, string, number][] =>
        rs.map((r) => [r.tenant, r.decision, r.createdAt - t]);
      expect(shape(await store.decisions.list({ tenant: 'acme' }))).toEqual([['acme', 'block', 4], ['acme', 'block', 1], ['acme', 'allow', 0]]);
      expect(shape(await store.decisions.list({ decision: 'block' }))).toEqual([['acme', 'block', 4], ['globex', 'block', 2], ['acme', 'block', 1]]);
      const both = await store.decisions.list({ tenant: 'acme', decision: 'block' });
      expect(shape(both)).toEqual([['acme', 'block', 4], ['acme', 'block', 1]]);
      const next = await store.decisions.list({ tenant: 'acme', decision: 'block', before: both[0]?.id ?? '' });
      expect(shape(next)).toEqual([['acme', 'block', 1]]);
    });

    it('returns 50 by default and never more than 1000', async () => {
      const { store } = await open();
      const records = Array.from({ length: 1001 }, (_, i) => sampleDecision({ createdAt: 1_700_000_000_000 + i }));
      await insertAll(store, records);
      expect(await store.decisions.count()).toBe(1001);
      expect(await store.decisions.list()).toHaveLength(50);
      expect(await store.decisions.list({ limit: 5000 })).toHaveLength(1000);
      expect(await store.decisions.list({ limit: 0 })).toHaveLength(1);
    });

    it('refuses to overwrite a decision with the same id', async () => {
      const { store } = await open();
      const original = sampleDecision({ decision: 'block', flagged: true });
      await store.decisions.insert(original);
      await expect(store.decisions.insert({ ...original, decision: 'allow', flagged: false })).rejects.toThrow();
      expect(await store.decisions.get(original.id)).toEqual(original);
    });
  });
}

function registerLifecycleContract(open: Open, dialect: StoreDialect): void {
  describe('lifecycle', () => {
    it(`reports dialect ${dialect} and answers ping until closed`, async () => {
      const { store } = await open();
      expect(store.dialect).toBe(dialect);
      await store.ping();
      await store.close();
      await store.close();
      await expectCode(store.ping(), 'STORE_UNAVAILABLE');
    });

    it('fails closed when the database is gone: calls reject with STORE_UNAVAILABLE, never a null answer', async () => {
      const { store } = await open();
      const { key } = await store.apiKeys.create({ tenant: 'acme' });
      await store.close();
      await expectCode(store.apiKeys.authenticate(key), 'STORE_UNAVAILABLE');
      await expectCode(store.decisions.insert(sampleDecision()), 'STORE_UNAVAILABLE');
      await expectCode(store.decisions.list(), 'STORE_UNAVAILABLE');
    });

    it('writes on close every decision handed to insert before close was called', async () => {
      const target = await open();
      const records = Array.from({ length: 30 }, (_, i) => sampleDecision({ id: `dec_at_close_${i}`, createdAt: 1_800_000_000_000 + i }));
      const inserts = records.map((r) => target.store.decisions.insert(r));
      await target.store.close();
      await Promise.all(inserts);
      const again = await target.reopen();
      expect(await again.decisions.count()).toBe(records.length);
    });

    it('keeps data across close and reopen; migrations run once', async () => {
      const target = await open();
      const record = sampleDecision();
      const key = await target.store.apiKeys.create({ tenant: 'acme' });
      await target.store.decisions.insert(record);
      await target.store.close();
      const again = await target.reopen();
      await again.close();
      const third = await target.reopen();
      expect(await third.decisions.get(record.id)).toEqual(record);
      expect(await third.apiKeys.authenticate(key.key)).toEqual({ id: key.id, tenant: 'acme' });
      const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(third.db);
      expect(applied.rows.map((r) => r.name)).toEqual(STORE_MIGRATIONS.map((m) => m.name));
    });

    it('round-trips decision details (risk, exemption) and keeps records without them detail-free', async () => {
      const { store } = await open();
      const details = {
        risk: { conversation: 'c1', account: 'acme/u1', added: 0.5, conversationScore: 1.25, accountScore: 2.5, decision: 'flag' as const },
        exemptionId: 'exm_1',
        exempted: true,
      };
      const withDetails = sampleDecision({ decision: 'flag', flagged: true, details });
      const plain = sampleDecision();
      await store.decisions.insert(withDetails);
      await store.decisions.insert(plain);
      expect(await store.decisions.get(withDetails.id)).toEqual(withDetails);
      expect(await store.decisions.get(plain.id)).not.toHaveProperty('details');
    });

    it('grants, lists, expires and revokes exemptions, recording who did each', async () => {
      const { store } = await open();
      const now = Date.now();
      const tenantWide = await store.exemptions.grant({ tenant: 'acme', account: null, categories: ['cbrn.bio', 'cbrn.bio'], reason: 'vaccine lab', grantedBy: 'alice', expiresAt: now + 60_000 });
      const expired = await store.exemptions.grant({ tenant: 'acme', account: 'u1', categories: ['cbrn.chem'], reason: 'old', grantedBy: 'bob', expiresAt: now - 1 });
      await store.exemptions.grant({ tenant: 'globex', account: null, categories: ['cbrn.chem'], reason: 'x', grantedBy: 'bob', expiresAt: now + 60_000 });
      expect(tenantWide).toMatchObject({ tenant: 'acme', account: null, categories: ['cbrn.bio'], grantedBy: 'alice', revokedAt: null });
      expect((await store.exemptions.active('acme', now)).map((e) => e.id)).toEqual([tenantWide.id]);
      expect((await store.exemptions.list({ tenant: 'acme', includeInactive: true })).map((e) => e.id).sort()).toEqual([tenantWide.id, expired.id].sort());
      expect(await store.exemptions.revoke(tenantWide.id, 'carol')).toBe(true);
      expect(await store.exemptions.revoke(tenantWide.id, 'carol')).toBe(false);
      expect(await store.exemptions.active('acme', now)).toEqual([]);
      const revoked = (await store.exemptions.list({ tenant: 'acme', includeInactive: true })).find((e) => e.id === tenantWide.id);
      expect(revoked).toMatchObject({ revokedBy: 'carol' });
      expect(revoked?.revokedAt).toEqual(expect.any(Number));
    });

    it('numbers policy releases from 1, refuses a second release on the same predecessor, and reads them back', async () => {
      const { store } = await open();
      expect(await store.policyReleases.head()).toBeNull();
      expect(await store.policyReleases.latest()).toBeNull();
      const body = 'name: p\nversion: "1"\n# a comment and unicode: ß → ✓\n';
      const signature = `${'A'.repeat(86)}==`;
      const release = { name: 'p', version: '1', sha256: 'a'.repeat(64), body, publishedBy: 'alice', signerKeyId: 'c'.repeat(64), signature };
      const first = await store.policyReleases.publish({ ...release, previousSeq: null });
      expect(first).toMatchObject({ seq: 1, body, publishedBy: 'alice', signerKeyId: 'c'.repeat(64), signature });
      expect(Number.isSafeInteger(first?.publishedAt)).toBe(true);
      // A second publisher that read the same (empty) head loses: its gate compared against a stale policy.
      expect(await store.policyReleases.publish({ ...release, version: 'other', previousSeq: null })).toBeNull();
      const second = await store.policyReleases.publish({ ...release, version: '2', sha256: 'b'.repeat(64), previousSeq: 1 });
      expect(second?.seq).toBe(2);
      expect(await store.policyReleases.head()).toEqual({ seq: 2, name: 'p', version: '2', sha256: 'b'.repeat(64), publishedBy: 'alice', publishedAt: second!.publishedAt, signerKeyId: 'c'.repeat(64) });
      expect(await store.policyReleases.latest()).toEqual(second);
      expect(await store.policyReleases.get(1)).toEqual(first);
      expect(await store.policyReleases.get(3)).toBeNull();
      expect((await store.policyReleases.list()).map((r) => [r.seq, r.version])).toEqual([[2, '2'], [1, '1']]);
      expect((await store.policyReleases.list())[1]).toEqual(first);
      expect(await store.policyReleases.list(1)).toHaveLength(1);
    });

    it('refuses to open a database migrated by a newer build', async () => {
      const target = await open();
      await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_future', '2099-01-01T00:00:00.000Z')`.execute(
        target.store.db,
      );
      await target.store.close();
      await expectCode(target.reopen(), 'STORE_MIGRATION_FAILED');
    });
  });
}
