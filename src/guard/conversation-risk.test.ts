import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.js';
import { loadConfig } from '../config/load.js';
import { openRedis, type RedisHandle } from '../store/redis.js';
import { describeWithService, probeService } from '../store/testing/service-gate.js';
import { ConversationRisk, createMemoryRiskLedger, decayed, riskSettingsFrom, turnRisk, type RiskLedger, type RiskSettings } from './conversation-risk.js';
import type { GuardVerdict } from './guard.js';
import { createRedisRiskLedger } from './redis-risk-ledger.js';

const policy = loadConfig({ cwd: tmpdir() }).policy;
const settings: RiskSettings = riskSettingsFrom({
  conversationHalfLifeSeconds: 1_800,
  accountHalfLifeSeconds: 21_600,
  conversationFlagAt: 1.5,
  conversationBlockAt: 2.4,
  accountFlagAt: 3,
  accountBlockAt: 6,
  turnFloor: 0.3,
  turnCap: 0.5,
});
const bioThreshold = policy.categories.harmful['cbrn.bio']!.threshold;

/** A verdict whose bio score is `ratio` × the blocking threshold. */
function verdict(ratio: number): GuardVerdict {
  return {
    decision: ratio >= 1 ? 'block' : 'allow',
    policyDecision: ratio >= 1 ? 'block' : 'allow',
    flagged: ratio >= 1,
    categories: { 'cbrn.bio': ratio >= 1 },
    categoryScores: { 'cbrn.bio': ratio * bioThreshold },
    matchedRules: [],
    reasons: [],
    failure: null,
    normalization: [],
    latencyMs: 0,
  };
}

describe('turn risk', () => {
  it('adds nothing for ordinary science, scales with the score, and caps a single turn', () => {
    expect(turnRisk(policy, verdict(0.05), settings)).toBe(0);
    expect(turnRisk(policy, verdict(0.6), settings)).toBeCloseTo(0.3);
    expect(turnRisk(policy, verdict(5), settings)).toBe(0.5);
    expect(turnRisk(policy, verdict(0.6), settings, new Set(['cbrn.bio']))).toBe(0);
  });

  it('halves per half-life', () => {
    expect(decayed(2, 1_800_000, 1_800_000)).toBeCloseTo(1);
    expect(decayed(2, 0, 1_800_000)).toBe(2);
  });
});

/** The behaviour both ledgers must show; `advance` moves the ledger's clock (or waits, for Redis). */
function ledgerContract(open: () => Promise<{ ledger: RiskLedger; advance: (ms: number) => void }>, keyOf: () => string): void {
  it('lets a decomposed attack flag, then block, a conversation while each turn passes alone', async () => {
    const { ledger } = await open();
    const risk = new ConversationRisk(ledger, { policy }, settings);
    const keys = { conversation: keyOf(), account: keyOf() };
    const decisions = [];
    for (let turn = 1; turn <= 6; turn += 1) decisions.push((await risk.assess(keys, verdict(0.75), turn)).decision);
    expect(decisions).toEqual(['allow', 'allow', 'allow', 'flag', 'flag', 'block']);
  });

  it('counts a retried turn once', async () => {
    const { ledger } = await open();
    const keys = { conversation: keyOf(), account: keyOf() };
    expect(await ledger.add(keys, 0.5, 1)).toMatchObject({ counted: true });
    const again = await ledger.add(keys, 0.5, 1);
    expect(again.counted).toBe(false);
    expect(again.conversation).toBeCloseTo(0.5, 3);
    expect((await ledger.add(keys, 0.5, null)).conversation).toBeCloseTo(1, 3);
  });

  it('shares the account across conversations', async () => {
    const { ledger } = await open();
    const account = keyOf();
    await ledger.add({ conversation: keyOf(), account }, 0.5, 1);
    const second = await ledger.add({ conversation: keyOf(), account }, 0.5, 1);
    expect(second.conversation).toBeCloseTo(0.5, 3);
    expect(second.account).toBeCloseTo(1, 3);
  });
}

describe('memory risk ledger', () => {
  const clock = fixedClock(1_700_000_000_000);
  let n = 0;
  ledgerContract(async () => ({ ledger: createMemoryRiskLedger(settings, clock), advance: (ms) => clock.advance(ms) }), () => `k${(n += 1)}`);

  it('lets one old borderline message decay: it does not block the account forever', async () => {
    const ledger = createMemoryRiskLedger(settings, clock);
    const risk = new ConversationRisk(ledger, { policy }, settings);
    const keys = { conversation: 'c-old', account: 'a-old' };
    for (let turn = 1; turn <= 6; turn += 1) await risk.assess(keys, verdict(0.95), turn);
    expect((await risk.assess(keys, verdict(0), 7)).decision).toBe('block');
    clock.advance(3 * 3_600_000);
    const later = await risk.assess(keys, verdict(0), 8);
    expect(later.decision).toBe('allow');
    expect(later.conversationScore).toBeLessThan(0.1);
  });
});

const redisUrl = process.env.BULWARK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bwk_test_${randomBytes(5).toString('hex')}:`;
const probe = await probeService(async () => {
  const handle = await openRedis(redisUrl, { connectTimeoutMs: 2_000 });
  await handle.close();
});

describeWithService(`redis risk ledger (${redisUrl})`, 'Redis', probe, process.env.CI === 'true', () => {
  const handles: RedisHandle[] = [];
  let n = 0;
  afterAll(async () => {
    const raw = await openRedis(redisUrl);
    const keys = await raw.client.keys(`${prefix}*`);
    if (keys.length > 0) await raw.client.del(...keys);
    await raw.close();
    await Promise.all(handles.map((h) => h.close()));
  });
  ledgerContract(
    async () => {
      const handle = await openRedis(redisUrl, { keyPrefix: prefix });
      handles.push(handle);
      return { ledger: createRedisRiskLedger(handle.client, settings), advance: () => undefined };
    },
    () => `k${(n += 1)}`,
  );

  it('gives replicas one score: concurrent adds from two clients are all counted', async () => {
    const [a, b] = await Promise.all([openRedis(redisUrl, { keyPrefix: prefix }), openRedis(redisUrl, { keyPrefix: prefix })]);
    handles.push(a, b);
    const ledgers = [createRedisRiskLedger(a.client, settings), createRedisRiskLedger(b.client, settings)];
    const keys = { conversation: 'shared-c', account: 'shared-a' };
    await Promise.all(Array.from({ length: 40 }, (_, i) => ledgers[i % 2]!.add(keys, 0.25, null)));
    const total = await ledgers[0]!.add(keys, 0, null);
    expect(total.conversation).toBeCloseTo(10, 2);
  });
});
