import type { Redis } from 'ioredis';
import { BulwarkError } from '../core/errors.js';
import { BUDGET_SLOTS_PER_WINDOW, type BudgetCrossing, type BudgetRef, type BudgetUsage, type BucketRef, type EgressLedger, type TakeResult } from './ledger.js';

/**
 * The shared ledger: the MemoryLedger's arithmetic as one Lua script, so a take is atomic across
 * every replica. Time comes from Redis (`TIME`), not from each replica's clock, so skewed replicas
 * still refill the same bucket at the same rate.
 */
const TAKE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local bytes = tonumber(ARGV[1])
local nb = tonumber(ARGV[2])
local ng = tonumber(ARGV[3])
local nf = tonumber(ARGV[4])
local slots = tonumber(ARGV[5])
local i = 6
local rates, bursts, windows, limits, fractions = {}, {}, {}, {}, {}
for k = 1, nb do rates[k] = tonumber(ARGV[i]); bursts[k] = tonumber(ARGV[i + 1]); i = i + 2 end
for k = 1, ng do windows[k] = tonumber(ARGV[i]); limits[k] = tonumber(ARGV[i + 1]); i = i + 2 end
for k = 1, nf do fractions[k] = tonumber(ARGV[i]); i = i + 1 end
fractions[nf + 1] = 1
local granted = bytes
local used, current = {}, {}
for k = 1, ng do
  local key = KEYS[nb + k]
  local slotMs = math.ceil(windows[k] / slots)
  current[k] = math.floor(now / slotMs) * slotMs
  local oldest = current[k] - (slots - 1) * slotMs
  local fields = redis.call('HGETALL', key)
  local sum = 0
  for j = 1, #fields, 2 do
    if tonumber(fields[j]) < oldest then redis.call('HDEL', key, fields[j]) else sum = sum + tonumber(fields[j + 1]) end
  end
  used[k] = sum
  local room = limits[k] - sum
  if room < 0 then room = 0 end
  if room < granted then granted = room end
end
local out = { granted, 0, 0 }
for k = 1, ng do
  local key = KEYS[nb + k]
  if granted > 0 then
    redis.call('HINCRBY', key, tostring(current[k]), granted)
    redis.call('PEXPIRE', key, windows[k] + math.ceil(windows[k] / slots))
  end
  local after = used[k] + granted
  for f = 1, nf + 1 do
    local mark = fractions[f] * limits[k]
    if used[k] < mark and after >= mark then
      table.insert(out, k); table.insert(out, tostring(fractions[f])); table.insert(out, after)
    end
  end
  if out[3] == 0 and after >= limits[k] then out[3] = k end
end
local wait = 0
for k = 1, nb do
  local key = KEYS[k]
  local state = redis.call('HMGET', key, 'tokens', 'ts')
  local tokens = tonumber(state[1]) or bursts[k]
  local ts = tonumber(state[2]) or now
  tokens = math.min(bursts[k], tokens + (now - ts) * rates[k] / 1000) - granted
  redis.call('HSET', key, 'tokens', tostring(tokens), 'ts', now)
  redis.call('PEXPIRE', key, 3600000)
  if tokens < 0 then
    local w = -tokens * 1000 / rates[k]
    if w > wait then wait = w end
  end
end
out[2] = math.floor(wait)
return out
`;

export interface RedisLedgerOptions {
  readonly alertFractions: readonly number[];
  /** Namespaces the ledger inside one Redis (besides the client's own key prefix). */
  readonly namespace?: string;
}

type Reply = (number | string)[];

export function createRedisLedger(client: Redis, options: RedisLedgerOptions): EgressLedger {
  const ns = options.namespace ?? 'egress';
  let sha: string | undefined;
  const run = async (keys: string[], args: (string | number)[]): Promise<Reply> => {
    try {
      sha ??= (await client.script('LOAD', TAKE_SCRIPT)) as string;
      try {
        return (await client.evalsha(sha, keys.length, ...keys, ...args)) as Reply;
      } catch (error) {
        // A restarted Redis forgets its scripts; load it again once.
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        sha = (await client.script('LOAD', TAKE_SCRIPT)) as string;
        return (await client.evalsha(sha, keys.length, ...keys, ...args)) as Reply;
      }
    } catch (cause) {
      throw new BulwarkError('EGRESS_LEDGER_UNAVAILABLE', 'The shared egress ledger did not answer; traffic is refused.', { cause });
    }
  };
  const take = async (buckets: readonly BucketRef[], budgets: readonly BudgetRef[], bytes: number): Promise<TakeResult> => {
    const keys = [...buckets.map((b) => `${ns}:bucket:${b.key}`), ...budgets.map((b) => `${ns}:budget:${b.scope}|${b.window}`)];
    const args = [
      bytes,
      buckets.length,
      budgets.length,
      options.alertFractions.length,
      BUDGET_SLOTS_PER_WINDOW,
      ...buckets.flatMap((b) => [b.bytesPerSecond, b.burstBytes]),
      ...budgets.flatMap((b) => [b.windowMs, b.limitBytes]),
      ...options.alertFractions.map(String),
    ];
    return decodeTake(await run(keys, args), budgets);
  };
  return {
    take,
    // A zero-byte take against no bucket prunes expired slots and charges nothing; then sum.
    usage: (budgets) =>
      Promise.all(
        budgets.map(async (budget): Promise<BudgetUsage> => {
          await take([], [budget], 0);
          return { budget, usedBytes: await sumOf(client, `${ns}:budget:${budget.scope}|${budget.window}`) };
        }),
      ),
    close: async () => {},
  };
}

async function sumOf(client: Redis, key: string): Promise<number> {
  try {
    const values = await client.hvals(key);
    return values.reduce((sum, v) => sum + Number(v), 0);
  } catch (cause) {
    throw new BulwarkError('EGRESS_LEDGER_UNAVAILABLE', 'The shared egress ledger did not answer; traffic is refused.', { cause });
  }
}

function decodeTake(reply: Reply, budgets: readonly BudgetRef[]): TakeResult {
  const exhaustedIndex = Number(reply[2]);
  const crossings: BudgetCrossing[] = [];
  for (let i = 3; i + 2 < reply.length; i += 3) {
    crossings.push({ budget: budgets[Number(reply[i]) - 1]!, fraction: Number(reply[i + 1]), usedBytes: Number(reply[i + 2]) });
  }
  return {
    granted: Number(reply[0]),
    waitMs: Number(reply[1]),
    exhausted: exhaustedIndex > 0 ? budgets[exhaustedIndex - 1]! : null,
    crossings,
  };
}
