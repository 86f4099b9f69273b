import type { Redis } from 'ioredis';
import { BulwarkError } from '../core/errors.js';
import type { RiskLedger, RiskSettings } from './conversation-risk.js';

/**
 * The memory ledger's arithmetic as one Lua script: decay both scores to now, add, read back. One
 * EVAL is atomic, so N gateway replicas see one score per conversation and per account. Time is
 * Redis's (`TIME`), so replicas with skewed clocks decay alike. Scores travel as strings: Redis
 * truncates Lua numbers to integers.
 */
const ADD_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local amount = tonumber(ARGV[1])
local turn = tonumber(ARGV[2])
local halfLives = { tonumber(ARGV[3]), tonumber(ARGV[4]) }
local scores, turns = {}, {}
for k = 1, 2 do
  local v = redis.call('HMGET', KEYS[k], 's', 't', 'n')
  local s = tonumber(v[1]) or 0
  local at = tonumber(v[2]) or now
  if now > at then s = s * math.pow(2, -(now - at) / halfLives[k]) end
  scores[k] = s
  turns[k] = tonumber(v[3]) or 0
end
local counted = 0
if turn < 0 or turn > turns[1] then
  counted = 1
  scores[1] = scores[1] + amount
  scores[2] = scores[2] + amount
  if turn > turns[1] then turns[1] = turn end
end
for k = 1, 2 do
  redis.call('HSET', KEYS[k], 's', string.format('%.17g', scores[k]), 't', now, 'n', turns[k])
  redis.call('PEXPIRE', KEYS[k], math.ceil(halfLives[k] * 20))
end
return { string.format('%.17g', scores[1]), string.format('%.17g', scores[2]), counted }
`;

/** `client` may carry a key prefix; keys here are `<namespace>:c:<conversation>` and `<namespace>:a:<account>`. */
export function createRedisRiskLedger(client: Redis, settings: RiskSettings, namespace = 'risk'): RiskLedger {
  let sha: string | undefined;
  const evaluate = async (keys: string[], args: (string | number)[]): Promise<unknown> => {
    sha ??= (await client.script('LOAD', ADD_SCRIPT)) as string;
    try {
      return await client.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      // A restarted Redis forgets its scripts; load it again once.
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      sha = (await client.script('LOAD', ADD_SCRIPT)) as string;
      return await client.evalsha(sha, keys.length, ...keys, ...args);
    }
  };
  return {
    add: async (keys, amount, turn) => {
      let reply: unknown;
      try {
        reply = await evaluate(
          [`${namespace}:c:${keys.conversation}`, `${namespace}:a:${keys.account}`],
          [String(amount), turn ?? -1, settings.conversationHalfLifeMs, settings.accountHalfLifeMs],
        );
      } catch (cause) {
        throw new BulwarkError('GATEWAY_RISK_UNAVAILABLE', 'the shared conversation-risk store did not answer; the request is denied', { cause });
      }
      if (!Array.isArray(reply) || reply.length !== 3) throw new BulwarkError('GATEWAY_RISK_UNAVAILABLE', 'the conversation-risk script answered an unexpected shape');
      const [conversation, account, counted] = reply as [unknown, unknown, unknown];
      return { conversation: Number(conversation), account: Number(account), counted: Number(counted) === 1 };
    },
    close: async () => undefined,
  };
}
