import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { BulwarkConfig } from '../../config/config-schema.js';
import { BulwarkError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { toDecisionRecord } from '../../guard/decision-log.js';
import type { Guard, GuardVerdict } from '../../guard/guard.js';
import type { Store } from '../../store/index.js';
import { authenticateCaller } from '../auth.js';
import type { Metrics } from '../metrics.js';
import { parseWith } from '../validate.js';

const textPart = z.object({ type: z.literal('text'), text: z.string() }).passthrough();
const messageContent = z.union([z.string(), z.array(z.union([textPart, z.object({ type: z.string() }).passthrough()]))]);

// Zod's own message for a failed union is "Invalid input"; say which two shapes are accepted instead.
const classifyBody = z.union(
  [
    z.object({ input: z.union([z.string(), z.array(z.string())]) }).strict(),
    z.object({ messages: z.array(z.object({ role: z.string().min(1), content: messageContent }).passthrough()).min(1) }).strict(),
  ],
  { error: 'expected {"input": a string or an array of strings} or {"messages": [{"role", "content"}, ...]}' },
);

const moderationsBody = z
  .object({
    input: z.union([z.string(), z.array(z.string()), z.array(z.union([textPart, z.object({ type: z.string() }).passthrough()]))]),
    model: z.string().optional(),
  })
  .passthrough();

export interface GuardRouteDeps {
  readonly guard: Guard;
  readonly store: Store;
  readonly metrics: Metrics;
  readonly config: BulwarkConfig;
}

export function registerGuardRoutes(app: FastifyInstance, deps: GuardRouteDeps): void {
  app.post('/v1/classify', async (request) => {
    const caller = await authenticateCaller(request, deps.store, deps.config.auth.required);
    const body = parseWith(classifyBody, request.body);
    const texts = 'input' in body ? toTextList(body.input) : [conversationText(body.messages)];
    checkInputs(texts, deps.config);
    const verdicts = await evaluateAll(deps, texts, 'classify', caller.tenant);
    return {
      id: newId('cls'),
      model: deps.guard.modelId,
      policy: deps.guard.policyId,
      mode: deps.guard.policy.mode,
      results: verdicts.map((v) => ({
        flagged: v.flagged,
        decision: v.decision,
        policy_decision: v.policyDecision,
        categories: v.categories,
        category_scores: v.categoryScores,
        matched_rules: v.matchedRules.map((r) => r.id),
        reasons: v.reasons,
        normalization: v.normalization,
      })),
    };
  });

  app.post('/v1/moderations', async (request) => {
    const caller = await authenticateCaller(request, deps.store, deps.config.auth.required);
    const body = parseWith(moderationsBody, request.body);
    const texts = moderationTexts(body.input);
    checkInputs(texts, deps.config);
    const verdicts = await evaluateAll(deps, texts, 'moderations', caller.tenant);
    return {
      id: newId('modr'),
      model: deps.guard.modelId,
      results: verdicts.map((v) => ({
        flagged: v.flagged,
        categories: v.categories,
        category_scores: v.categoryScores,
        category_applied_input_types: Object.fromEntries(Object.keys(v.categories).map((c) => [c, ['text']])),
      })),
    };
  });
}

async function evaluateAll(deps: GuardRouteDeps, texts: string[], source: string, tenant: string): Promise<GuardVerdict[]> {
  const verdicts = texts.map((text) => deps.guard.evaluate(text));
  const records = verdicts.map((verdict, i) => toDecisionRecord(deps.guard, texts[i]!, verdict, { source, tenant }));
  // Recorded before the answer leaves: a decision that is not in the log did not happen.
  // Inserted together so the store commits them (and concurrent requests' records) as one batch.
  await Promise.all(records.map((record) => deps.store.decisions.insert(record)));
  for (const verdict of verdicts) {
    deps.metrics.guardDecisions.inc({ source, decision: verdict.decision });
    deps.metrics.guardLatency.observe({ source }, verdict.latencyMs / 1000);
  }
  return verdicts;
}

function toTextList(input: string | string[]): string[] {
  return typeof input === 'string' ? [input] : input;
}

type MessageContent = z.infer<typeof messageContent>;

function contentText(content: MessageContent): string {
  if (typeof content === 'string') return content;
  return content
    .map((part) => (part.type === 'text' && typeof part.text === 'string' ? part.text : ''))
    .filter((t) => t.length > 0)
    .join('\n');
}

/** The whole conversation is classified, not only the last turn: decomposed attacks span turns. */
export function conversationText(messages: readonly { role: string; content: MessageContent }[]): string {
  return messages.map((m) => contentText(m.content)).filter((t) => t.trim().length > 0).join('\n');
}

function moderationTexts(input: z.infer<typeof moderationsBody>['input']): string[] {
  if (typeof input === 'string') return [input];
  const texts: string[] = [];
  for (const item of input) {
    if (typeof item === 'string') texts.push(item);
    else if (item.type === 'text' && typeof item.text === 'string') texts.push(item.text);
    else throw new BulwarkError('REQUEST_INVALID_BODY', `input items of type "${item.type}" are not supported; send text`);
  }
  return texts;
}

function checkInputs(texts: string[], config: BulwarkConfig): void {
  if (texts.length === 0) throw new BulwarkError('REQUEST_EMPTY_INPUT', 'input is empty: send at least one non-empty string');
  if (texts.length > config.guard.maxInputsPerRequest) {
    throw new BulwarkError('REQUEST_INVALID_BODY', `at most ${config.guard.maxInputsPerRequest} inputs per request`);
  }
  texts.forEach((text, i) => {
    if (text.trim().length === 0) throw new BulwarkError('REQUEST_EMPTY_INPUT', `input[${i}] is empty`);
    if (text.length > config.guard.maxInputChars) {
      throw new BulwarkError('REQUEST_TOO_LARGE', `input[${i}] is longer than ${config.guard.maxInputChars} characters`);
    }
  });
}
