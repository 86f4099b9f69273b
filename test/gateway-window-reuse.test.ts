import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TextClassifier } from '../src/guard/guard.js';
import { MARKER_CLASSIFIER, startGatewayServer, type GatewayServer } from './kit/gateway-harness.js';
import type { UpstreamDouble } from './kit/upstream-double.js';
import { startOpenAiUpstream } from './kit/upstream-openai.js';

// A long conversation resent with one more turn (what every chat and agent client does) is scored only
// where it changed: the scores of its unchanged windows are reused within one tenant's conversation.
let scored = 0;
const COUNTING: TextClassifier = { ...MARKER_CLASSIFIER, score: (input) => ((scored += 1), MARKER_CLASSIFIER.score(input)) };

let upstream: UpstreamDouble;
let gateway: GatewayServer;
let openai: OpenAI;

beforeAll(async () => {
  upstream = await startOpenAiUpstream(() => ({ text: 'A placeholder answer.' }));
  gateway = await startGatewayServer({ openai: upstream.url, classifier: COUNTING });
  openai = new OpenAI({ apiKey: gateway.key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

type Message = { role: 'system' | 'user' | 'assistant'; content: string };
const question = (i: number) => `Question ${i}: why do leaves change colour in autumn, and what happens to the chlorophyll? `.repeat(8);
const conversation = (turns: number, first = question(0)): Message[] => [
  { role: 'system', content: 'You are a patient biology tutor.' },
  ...Array.from({ length: turns }, (_, i): Message[] => [
    { role: 'user', content: i === 0 ? first : question(i) },
    { role: 'assistant', content: '[ASSISTANT-REPLY]' },
  ]).flat(),
  { role: 'user', content: 'And one more thing, briefly?' },
];

/** Classifier calls the request cost on the input side (the answer is scored too: one call). */
async function inputCalls(client: OpenAI, messages: Message[]): Promise<{ calls: number; decision: string | null }> {
  const before = scored;
  const { response } = await client.chat.completions.create({ model: 'gpt-test', messages }).withResponse().catch((error: unknown) => {
    if (error instanceof OpenAI.BadRequestError) return { response: { headers: new Headers({ 'x-bulwark-decision': 'block' }) } };
    throw error;
  });
  return { calls: scored - before, decision: response.headers.get('x-bulwark-decision') };
}

describe('window score reuse through the gateway', () => {
  it('scores a resent conversation only where it grew, and keeps a flagged window flagged', async () => {
    const first = await inputCalls(openai, conversation(20));
    const second = await inputCalls(openai, conversation(21));
    const third = await inputCalls(openai, conversation(22));
    expect(first.decision).toBe('allow');
    expect(second.decision).toBe('allow');
    expect(first.calls).toBeGreaterThan(10);
    expect(second.calls).toBeLessThanOrEqual(4);
    expect(third.calls).toBeLessThanOrEqual(4);

    // A conversation whose first turn blocks (a new conversation: its first message differs) stays
    // blocked when resent longer, its flagged window now coming from reuse.
    const flagged = question(0).replace('Question 0', 'biohigh');
    expect((await inputCalls(openai, conversation(20, flagged))).decision).toBe('block');
    const resent = await inputCalls(openai, conversation(21, flagged));
    expect(resent.decision).toBe('block');
    expect(resent.calls).toBeLessThanOrEqual(4);
  });

  it('shares nothing between tenants', async () => {
    const { key } = await gateway.store.apiKeys.create({ tenant: 'another-tenant' });
    const other = new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const opening = question(0).replace('Question 0', 'A question of our own');
    const mine = await inputCalls(openai, conversation(30, opening));
    // The same conversation from another tenant is scored whole again.
    const theirs = await inputCalls(other, conversation(30, opening));
    expect(mine.calls).toBeGreaterThan(10);
    expect(theirs.calls).toBe(mine.calls);
    expect((await inputCalls(other, conversation(31, opening))).calls).toBeLessThanOrEqual(4);
  });
});
