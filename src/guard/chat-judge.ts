import { Pool } from 'undici';
import type { JudgeConfig } from '../config/judge-schema.js';
import { BulwarkError } from '../core/errors.js';
import { JudgeReplyError } from './judge-verdict.js';

/** Token counts the judge endpoint reported (`usage` of a chat completion). */
export interface JudgeUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}

/** The judge model's raw answer: its text, what it cost, and which model answered. */
export interface JudgeCompletion {
  readonly content: string;
  readonly usage: JudgeUsage | null;
  readonly model: string;
}

/** The port a judge backend implements: one text in, the model's answer out. Throws on any failure. */
export interface JudgeBackend {
  /** `model@host`, for decisions and logs. */
  readonly name: string;
  complete(text: string, signal: AbortSignal): Promise<JudgeCompletion>;
  close(): Promise<void>;
}

/** A verdict is a line or a small object; a reply this large is garbage, not a verdict. */
const MAX_REPLY_BYTES = 1024 * 1024;
const CHAT_PATH = '/v1/chat/completions';

/**
 * A judge behind any OpenAI-compatible chat completions endpoint (vLLM, Ollama, llama.cpp, a hosted
 * API): the text goes as the user message, after the configured system prompt, at temperature 0.
 * Serving Llama Guard, the server's chat template turns that into Llama Guard's own prompt.
 */
export function createChatJudge(config: JudgeConfig, apiKey: string | null): JudgeBackend {
  const url = new URL(config.baseUrl);
  const pool = new Pool(url.origin, { connections: config.connections, headersTimeout: config.timeoutMs, bodyTimeout: config.timeoutMs });
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '') + CHAT_PATH;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  return {
    name: `${config.model}@${url.host}`,
    complete: async (text, signal) => {
      const messages = [...(config.systemPrompt ? [{ role: 'system', content: config.systemPrompt }] : []), { role: 'user', content: text }];
      const body = JSON.stringify({ model: config.model, messages, max_tokens: config.maxTokens, temperature: 0, stream: false });
      const response = await pool.request({ method: 'POST', path, headers, body, signal });
      const raw = await readBounded(response.body);
      if (response.statusCode < 200 || response.statusCode >= 300) {
        throw new BulwarkError('GUARD_CLASSIFIER_FAILED', `judge: the endpoint answered HTTP ${response.statusCode}`);
      }
      return readChatCompletion(raw, config.model);
    },
    close: () => pool.close(),
  };
}

async function readBounded(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_REPLY_BYTES) {
      body.destroy();
      throw new JudgeReplyError('the reply is larger than a verdict can be');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Threat: the endpoint is a service we do not own; its reply is parsed defensively, field by field. */
export function readChatCompletion(raw: Buffer, requestedModel: string): JudgeCompletion {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new JudgeReplyError('the reply is not JSON');
  }
  const completion = parsed as { choices?: unknown; usage?: unknown; model?: unknown } | null;
  const choice = Array.isArray(completion?.choices) ? (completion.choices[0] as { message?: { content?: unknown } } | undefined) : undefined;
  const content = choice?.message?.content;
  if (typeof content !== 'string') throw new JudgeReplyError('the reply is not a chat completion');
  return { content, usage: readUsage(completion?.usage), model: typeof completion?.model === 'string' ? completion.model : requestedModel };
}

function readUsage(usage: unknown): JudgeUsage | null {
  if (typeof usage !== 'object' || usage === null) return null;
  const { prompt_tokens: prompt, completion_tokens: completion, total_tokens: total } = usage as Record<string, unknown>;
  const count = (n: unknown) => (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : null);
  const promptTokens = count(prompt);
  const completionTokens = count(completion);
  if (promptTokens === null || completionTokens === null) return null;
  return { promptTokens, completionTokens, totalTokens: count(total) ?? promptTokens + completionTokens };
}
