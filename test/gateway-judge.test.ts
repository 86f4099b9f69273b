import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BulwarkConfigInput } from '../src/config/config-schema.js';
import type { TextClassifier } from '../src/guard/guard.js';
import type { DecisionRecord } from '../src/store/index.js';
import { CANARY, shippedBioThreshold, startGatewayServer, UPSTREAM_SECRET, type GatewayServer } from './kit/gateway-harness.js';
import type { UpstreamDouble } from './kit/upstream-double.js';
import { openAiCompletion, startOpenAiUpstream, tokenize, type OpenAiScript } from './kit/upstream-openai.js';

// The cascade's second stage end to end: the OpenAI SDK → the gateway → a model upstream double, and an
// LLM judge double speaking the real chat-completions wire format (as vLLM or Ollama serve Llama Guard).

/**
 * Scores marker words so a test places a text below, in or above the judge band [BAND.min, BAND.max),
 * relative to the shipped cbrn.bio threshold t: `lowmark` 0.3t (below the band), `bandlow` 0.8t (in the
 * band, under the threshold), `midmark` halfway from t to the band's top (in the band, over the
 * threshold), `highmark` 0.95 (above the band).
 */
const THRESHOLD = shippedBioThreshold();
const BAND = { min: 0.5 * THRESHOLD, max: 0.9 };
const BAND_CLASSIFIER: TextClassifier = {
  name: 'band-markers',
  version: '1',
  categories: ['cbrn.bio', 'cbrn.chem', 'cbrn.rad_nuc'],
  score: (input) => {
    const text = input.normalized.toLowerCase();
    const bio = text.includes('highmark')
      ? 0.95
      : text.includes('midmark')
        ? (THRESHOLD + BAND.max) / 2
        : text.includes('bandlow')
          ? 0.8 * THRESHOLD
          : text.includes('lowmark')
            ? 0.3 * THRESHOLD
            : 0;
    return { 'cbrn.bio': bio, 'cbrn.chem': 0, 'cbrn.rad_nuc': 0 };
  },
};

const ANSWER = 'Tomatoes like full sun, deep watering twice a week, and a stake or cage once they pass knee height. ';

interface Judged {
  readonly upstream: UpstreamDouble;
  readonly judge: UpstreamDouble;
  readonly gateway: GatewayServer;
  readonly client: OpenAI;
}

let model: OpenAiScript;
let verdict: OpenAiScript;

async function startJudged(judge: NonNullable<BulwarkConfigInput['guard']>['judge'], guard: Partial<NonNullable<BulwarkConfigInput['guard']>> = {}): Promise<Judged> {
  const upstream = await startOpenAiUpstream(() => model);
  const judgeDouble = await startOpenAiUpstream(() => verdict);
  const gateway = await startGatewayServer({
    openai: upstream.url,
    classifier: BAND_CLASSIFIER,
    overrides: { guard: { ...guard, judge: { ...judge!, baseUrl: `${judgeDouble.url}/v1` } }, gateway: { risk: { disableConversationRisk: true } } },
  });
  return { upstream, judge: judgeDouble, gateway, client: new OpenAI({ apiKey: gateway.key, baseURL: `${gateway.url}/v1`, maxRetries: 0 }) };
}

async function stop(judged: Judged): Promise<void> {
  await judged.gateway.close();
  await judged.upstream.close();
  await judged.judge.close();
}

const ask = (content: string) => ({ model: 'gpt-test', messages: [{ role: 'user' as const, content }] });

async function latest(gateway: GatewayServer, source: 'gateway.input' | 'gateway.output'): Promise<DecisionRecord> {
  const records = await gateway.store.decisions.list({ limit: 20 });
  const found = records.find((r) => r.source === source);
  if (!found) throw new Error(`no ${source} decision`);
  return found;
}

/** A judge reply whose body arrives in two halves `gapMs` apart: slower than the judge timeout. */
function slowReply(content: string, gapMs: number): OpenAiScript {
  const body = JSON.stringify(openAiCompletion({ model: 'llama-guard' }, content));
  return { text: content, override: { headers: { 'content-type': 'application/json' }, chunks: [body.slice(0, 20), body.slice(20)], gapMs } };
}

describe('LLM judge, Llama Guard verdicts', () => {
  let t: Judged;
  beforeAll(async () => {
    t = await startJudged({ baseUrl: 'http://placeholder', model: 'llama-guard3', apiKeyEnv: 'BULWARK_TEST_UPSTREAM_KEY', band: BAND, timeoutMs: 300 });
  });
  afterAll(async () => stop(t));
  beforeEach(() => {
    model = { text: ANSWER };
    verdict = { text: 'safe' };
  });

  it('is not called below the band or above it: the built-in classifier decides alone', async () => {
    const before = t.judge.requests.length;
    const low = await t.client.chat.completions.create(ask('lowmark: how do I water tomatoes?')).withResponse();
    expect(low.response.headers.get('x-bulwark-decision')).toBe('allow');
    expect(await latest(t.gateway, 'gateway.input')).toMatchObject({ decision: 'allow', details: { stage: 'classifier' } });
    await expect(t.client.chat.completions.create(ask('highmark question'))).rejects.toMatchObject({ status: 400, code: 'content_filter' });
    const high = await latest(t.gateway, 'gateway.input');
    expect(high).toMatchObject({ decision: 'block', details: { stage: 'classifier' } });
    expect(high.details?.judge).toBeUndefined();
    // A rule that blocks is final: an in-band score next to a canary is not worth a judge call.
    await expect(t.client.chat.completions.create(ask(`midmark ${CANARY}`))).rejects.toMatchObject({ status: 400, code: 'content_filter' });
    expect(t.judge.requests.length).toBe(before);
  });

  it('is called in the band with the text as a chat completion; "safe" lets a score above the threshold through', async () => {
    const before = t.judge.requests.length;
    const { response } = await t.client.chat.completions.create(ask('midmark: a borderline question')).withResponse();
    expect(response.headers.get('x-bulwark-decision')).toBe('allow');
    // One call for the input, one for the output (the conversation tail puts the exchange in the band too).
    expect(t.judge.requests.length).toBe(before + 2);
    expect(t.judge.requests[before + 1]!.json?.messages).toEqual([{ role: 'user', content: `midmark: a borderline question\n${ANSWER}` }]);
    const call = t.judge.requests[before]!;
    expect(call.url).toBe('/v1/chat/completions');
    expect(call.headers.authorization).toBe(`Bearer ${UPSTREAM_SECRET}`);
    expect(call.json).toMatchObject({ model: 'llama-guard3', messages: [{ role: 'user', content: 'midmark: a borderline question' }], temperature: 0, stream: false });
    const input = await latest(t.gateway, 'gateway.input');
    expect(input).toMatchObject({ decision: 'allow', flagged: false, details: { stage: 'judge', judge: { outcome: 'safe', calls: 1, reviewed: ['cbrn.bio'], promptTokens: 12, completionTokens: 1, totalTokens: 13 } } });
    expect(input.details!.judge!.judge).toMatch(/^llama-guard3@127\.0\.0\.1:\d+$/);
  });

  it('blocks on "unsafe" with its categories, before any upstream call, where the classifier alone would allow', async () => {
    verdict = { text: 'unsafe\nS9' };
    const before = t.upstream.requests.length;
    await expect(t.client.chat.completions.create(ask('bandlow: another one'))).rejects.toMatchObject({ status: 400, code: 'content_filter' });
    expect(t.upstream.requests.length).toBe(before);
    const input = await latest(t.gateway, 'gateway.input');
    expect(input).toMatchObject({ decision: 'block', categories: ['cbrn.bio'], details: { stage: 'judge', judge: { outcome: 'unsafe', categories: ['S9'], completionTokens: tokenize('unsafe\nS9').length } } });
  });

  it('denies when the judge times out (fail closed), even where the classifier alone would allow', async () => {
    verdict = slowReply('safe', 1_000);
    await expect(t.client.chat.completions.create(ask('bandlow: slow judge'))).rejects.toMatchObject({ status: 400, code: 'content_filter' });
    const input = await latest(t.gateway, 'gateway.input');
    expect(input).toMatchObject({ decision: 'block', details: { stage: 'judge', judge: { outcome: 'timeout', promptTokens: null } } });
  });

  it('denies when the judge answers garbage or an error (fail closed)', async () => {
    for (const [reply, outcome] of [
      [{ text: 'I think this is probably fine.' }, 'invalid'],
      [{ text: '', override: { headers: { 'content-type': 'application/json' }, chunks: ['<html>oops</html>'] } }, 'invalid'],
      [{ text: '', override: { status: 500, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"message":"overloaded"}}'] } }, 'error'],
    ] as const) {
      verdict = reply;
      await expect(t.client.chat.completions.create(ask(`bandlow: ${outcome}`))).rejects.toMatchObject({ status: 400, code: 'content_filter' });
      expect(await latest(t.gateway, 'gateway.input')).toMatchObject({ decision: 'block', details: { judge: { outcome } } });
    }
  });

  it('reviews outputs in the band too: a non-streaming answer and a stream (cost summed over its checks)', async () => {
    model = { text: `midmark ${ANSWER}` };
    verdict = { text: 'unsafe\nS9' };
    const { data } = await t.client.chat.completions.create(ask('What about tomatoes?')).withResponse();
    expect(data.choices[0]?.finish_reason).toBe('content_filter');
    expect(await latest(t.gateway, 'gateway.output')).toMatchObject({ decision: 'block', details: { stage: 'judge', judge: { outcome: 'unsafe', calls: 1 } } });

    verdict = { text: 'safe' };
    const long = `midmark ${ANSWER.repeat(6)}`;
    model = { text: long, split: 9 };
    const stream = await t.client.chat.completions.create({ ...ask('Tell me more.'), stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(long);
    const output = await latest(t.gateway, 'gateway.output');
    expect(output).toMatchObject({ decision: 'allow', details: { stage: 'judge', judge: { outcome: 'safe' } } });
    expect(output.details!.judge!.calls).toBeGreaterThan(1);
    expect(output.details!.judge!.promptTokens).toBe(12 * output.details!.judge!.calls);
  });

  it('counts judge calls by outcome, latency and tokens, and decisions by stage, in /metrics', async () => {
    const metrics = await t.gateway.metrics.registry.metrics();
    for (const outcome of ['safe', 'unsafe', 'timeout', 'invalid', 'error']) {
      expect(metrics).toMatch(new RegExp(`bulwark_guard_judge_calls_total\\{source="gateway.input",outcome="${outcome}"\\} [1-9]`));
    }
    expect(metrics).toMatch(/bulwark_guard_judge_calls_total\{source="gateway.output",outcome="safe"\} [1-9]/);
    expect(metrics).toMatch(/bulwark_guard_judge_seconds_count\{source="gateway.input"\} [1-9]/);
    expect(metrics).toMatch(/bulwark_guard_judge_tokens_total\{source="gateway.input",kind="prompt"\} [1-9]/);
    expect(metrics).toMatch(/bulwark_guard_decisions_total\{source="gateway.input",decision="allow",stage="judge"\} [1-9]/);
    expect(metrics).toMatch(/bulwark_guard_decisions_total\{source="gateway.input",decision="block",stage="classifier"\} [1-9]/);
  });
});

describe('LLM judge, JSON verdicts and the fail-open switch', () => {
  let t: Judged;
  beforeAll(async () => {
    t = await startJudged(
      { baseUrl: 'http://placeholder', model: 'gpt-oss-safeguard', band: BAND, timeoutMs: 300, systemPrompt: 'Policy: CBRN weapons help is a violation.', verdict: { format: 'json', violationField: 'result.violation', categoryField: 'result.category' } },
      { failOpenOnClassifierError: true },
    );
  });
  afterAll(async () => stop(t));
  beforeEach(() => {
    model = { text: ANSWER };
  });

  it('reads the configured JSON shape (fenced or not) and sends the system prompt first', async () => {
    verdict = { text: '{"result":{"violation":0,"category":null}}' };
    await t.client.chat.completions.create(ask('midmark: json safe'));
    expect(t.judge.last.json).toMatchObject({ model: 'gpt-oss-safeguard', messages: [{ role: 'system', content: 'Policy: CBRN weapons help is a violation.' }, { role: 'user' }] });
    expect(t.judge.last.headers.authorization).toBeUndefined();
    expect(await latest(t.gateway, 'gateway.input')).toMatchObject({ decision: 'allow', details: { stage: 'judge', judge: { outcome: 'safe' } } });

    verdict = { text: '```json\n{"result":{"violation":1,"category":["cbrn"]}}\n```' };
    await expect(t.client.chat.completions.create(ask('midmark: json unsafe'))).rejects.toMatchObject({ code: 'content_filter' });
    expect(await latest(t.gateway, 'gateway.input')).toMatchObject({ decision: 'block', details: { judge: { outcome: 'unsafe', categories: ['cbrn'] } } });
  });

  it('with failOpenOnClassifierError set, a failed judge leaves the built-in verdict in force', async () => {
    verdict = { text: '{"violation": "maybe"}' };
    const { response } = await t.client.chat.completions.create(ask('bandlow: shape mismatch')).withResponse();
    expect(response.headers.get('x-bulwark-decision')).toBe('allow');
    const input = await latest(t.gateway, 'gateway.input');
    expect(input).toMatchObject({ decision: 'allow', details: { stage: 'judge', judge: { outcome: 'invalid' } } });
    expect(input.details!.judge!.promptTokens).toBe(12);
    // ... and the built-in verdict over the threshold still blocks.
    verdict = slowReply('{"result":{"violation":0}}', 1_000);
    await expect(t.client.chat.completions.create(ask('midmark: slow'))).rejects.toMatchObject({ code: 'content_filter' });
    expect(await latest(t.gateway, 'gateway.input')).toMatchObject({ decision: 'block', details: { judge: { outcome: 'timeout' } } });
  });
});
