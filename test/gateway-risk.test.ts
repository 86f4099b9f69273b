import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY, MARKER_CLASSIFIER, startGatewayServer, type GatewayServer } from './kit/gateway-harness.js';
import { startAnthropicUpstream } from './kit/upstream-anthropic.js';
import type { UpstreamDouble } from './kit/upstream-double.js';
import { startOpenAiUpstream } from './kit/upstream-openai.js';

// Conversation-level risk and exemptions end to end, with the official SDKs and the marker classifier
// (`mildstep` passes alone but adds risk; `biohigh` blocks alone).
let openaiUpstream: UpstreamDouble;
let anthropicUpstream: UpstreamDouble;
let gateway: GatewayServer;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  openaiUpstream = await startOpenAiUpstream(() => ({ text: 'A placeholder answer.' }));
  anthropicUpstream = await startAnthropicUpstream(() => ({ text: 'A placeholder answer.' }));
  gateway = await startGatewayServer({
    openai: openaiUpstream.url,
    anthropic: anthropicUpstream.url,
    classifier: MARKER_CLASSIFIER,
    overrides: { gateway: { exemptions: { cacheMs: 0 } } },
  });
  openai = new OpenAI({ apiKey: gateway.key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  anthropic = new Anthropic({ apiKey: gateway.key, baseURL: gateway.url, maxRetries: 0 });
});
afterAll(async () => {
  await gateway.close();
  await openaiUpstream.close();
  await anthropicUpstream.close();
});

type Turn = { role: 'user' | 'assistant'; content: string };
const history = (steps: readonly string[]): Turn[] => steps.flatMap((s, i): Turn[] => (i === 0 ? [{ role: 'user', content: s }] : [{ role: 'assistant', content: '[ASSISTANT-REPLY]' }, { role: 'user', content: s }]));

describe('conversation risk through the gateway', () => {
  it('blocks a decomposed attack on a later turn (OpenAI content_filter), flagging it for review first', async () => {
    const steps = Array.from({ length: 6 }, (_, i) => `mildstep question ${i + 1}`);
    const decisions: string[] = [];
    for (let turn = 1; turn <= 5; turn += 1) {
      const { response } = await openai.chat.completions.create({ model: 'gpt-test', user: 'end-user-1', messages: [{ role: 'system', content: 'Tutor.' }, ...history(steps.slice(0, turn))] }).withResponse();
      decisions.push(response.headers.get('x-bulwark-decision')!);
    }
    expect(decisions).toEqual(['allow', 'allow', 'allow', 'flag', 'flag']);
    const error = await openai.chat.completions.create({ model: 'gpt-test', user: 'end-user-1', messages: [{ role: 'system', content: 'Tutor.' }, ...history(steps)] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ status: 400, code: 'content_filter' });
    const [last] = await gateway.store.decisions.list({ limit: 1 });
    expect(last).toMatchObject({ source: 'gateway.input', decision: 'block', details: { risk: { account: 'end-user-1', decision: 'block' } } });
    expect(last!.details!.risk!.conversationScore).toBeGreaterThanOrEqual(2.4);
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/bulwark_gateway_risk_escalations_total\{decision="flag",mode="enforce"\} [2-9]/);
    expect(metrics).toMatch(/bulwark_gateway_risk_escalations_total\{decision="block",mode="enforce"\} [1-9]/);
  });

  it('counts a retried turn once, and a new account starts clean', async () => {
    const messages = history(['mildstep retry a', 'mildstep retry b']);
    for (let i = 0; i < 6; i += 1) {
      const { response } = await openai.chat.completions.create({ model: 'gpt-test', user: 'end-user-2', messages }).withResponse();
      expect(response.headers.get('x-bulwark-decision')).toBe('allow');
    }
  });

  it('refuses the later turn of an Anthropic streaming conversation named by x-bulwark-conversation', async () => {
    const steps = Array.from({ length: 6 }, (_, i) => `mildstep part ${i + 1}, asked differently each time (${i})`);
    let stop: string | null = null;
    for (let turn = 1; turn <= 6; turn += 1) {
      // A different first message each turn: only the header ties the turns into one conversation.
      const messages = history([`opening ${turn}`, ...steps.slice(0, turn)]);
      const stream = anthropic.messages.stream(
        { model: 'claude-test', max_tokens: 64, messages, metadata: { user_id: 'end-user-3' } },
        { headers: { 'x-bulwark-conversation': 'conv-anthropic-1' } },
      );
      stop = (await stream.finalMessage()).stop_reason;
      if (turn < 6) expect(stop).toBe('end_turn');
    }
    expect(stop).toBe('refusal');
  });

  it('leaves a long benign conversation alone', async () => {
    const steps = Array.from({ length: 10 }, (_, i) => `How do tomatoes ripen, part ${i + 1}?`);
    const { response } = await openai.chat.completions.create({ model: 'gpt-test', messages: history(steps) }).withResponse();
    expect(response.headers.get('x-bulwark-decision')).toBe('allow');
  });
});

describe('trusted-access exemptions through the gateway', () => {
  it('lets an exempt account through on its category, flagged for review and logged as exempted; never a canary', async () => {
    const ask = (content: string, user: string) => openai.chat.completions.create({ model: 'gpt-test', user, messages: [{ role: 'user', content }] });
    await expect(ask('biohigh vaccine research question', 'researcher-1')).rejects.toMatchObject({ code: 'content_filter' });
    const exemption = await gateway.store.exemptions.grant({ tenant: 'gateway-test', account: 'researcher-1', categories: ['cbrn.bio'], reason: 'vetted lab', grantedBy: 'test', expiresAt: Date.now() + 60_000 });
    const { response } = await ask('biohigh vaccine research question', 'researcher-1').withResponse();
    expect(response.headers.get('x-bulwark-decision')).toBe('flag');
    // The review list holds both sides: the exempt input, and the answer (classified with its context).
    const review = await gateway.store.decisions.list({ decision: 'flag', limit: 2 });
    expect(review.map((r) => r.source).sort()).toEqual(['gateway.input', 'gateway.output']);
    for (const r of review) expect(r).toMatchObject({ categories: ['cbrn.bio'], details: { exempted: true, exemptionId: exemption.id } });
    // Another account of the tenant is not covered; nor is a rule (canary) match for the exempt one.
    await expect(ask('biohigh vaccine research question', 'someone-else')).rejects.toMatchObject({ code: 'content_filter' });
    await expect(ask(`biohigh ${CANARY}`, 'researcher-1')).rejects.toMatchObject({ code: 'content_filter' });
    await gateway.store.exemptions.revoke(exemption.id, 'test');
    await expect(ask('biohigh vaccine research question', 'researcher-1')).rejects.toMatchObject({ code: 'content_filter' });
  });
});
