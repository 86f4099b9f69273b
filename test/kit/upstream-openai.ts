import { shapedSseResponse, UpstreamDouble, type StreamShaping, type RecordedRequest, type RequestJson, type Responder, type ScriptedResponse } from './upstream-double.js';

/**
 * An OpenAI Chat Completions double speaking the real wire format: `chat.completion` objects, and
 * `chat.completion.chunk` server-sent events (role chunk, content deltas, finish chunk, optional usage
 * chunk) ending with `data: [DONE]`, as documented at platform.openai.com/docs/api-reference/chat-streaming.
 */
export interface OpenAiScript extends StreamShaping {
  /** The assistant's answer. */
  readonly text: string;
  /** How the stream cuts the answer into deltas (default: 4-character tokens). */
  readonly pieces?: readonly string[];
  readonly finishReason?: string;
  /** Replace the whole response. */
  readonly override?: ScriptedResponse;
}

export const OPENAI_ID = 'chatcmpl-double123';
const CREATED = 1_764_000_000;

export function tokenize(text: string, size = 4): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function usage(completionTokens: number) {
  return { prompt_tokens: 12, completion_tokens: completionTokens, total_tokens: 12 + completionTokens, prompt_tokens_details: { cached_tokens: 0 } };
}

export function openAiCompletion(request: RequestJson, text: string, finishReason = 'stop'): object {
  return {
    id: OPENAI_ID,
    object: 'chat.completion',
    created: CREATED,
    model: request?.model ?? 'gpt-double',
    choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null, annotations: [] }, logprobs: null, finish_reason: finishReason }],
    usage: usage(tokenize(text).length),
    service_tier: 'default',
    system_fingerprint: 'fp_double',
  };
}

export function openAiStream(request: RequestJson, pieces: readonly string[], finishReason = 'stop'): string {
  const withUsage = request?.stream_options?.include_usage === true;
  const chunk = (choices: unknown[], extra: object = {}) =>
    `data: ${JSON.stringify({
      id: OPENAI_ID,
      object: 'chat.completion.chunk',
      created: CREATED,
      model: request?.model ?? 'gpt-double',
      service_tier: 'default',
      system_fingerprint: 'fp_double',
      choices,
      ...(withUsage ? { usage: null } : {}),
      obfuscation: 'aB3',
      ...extra,
    })}\n\n`;
  let body = chunk([{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }]);
  for (const piece of pieces) body += chunk([{ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }]);
  body += chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: finishReason }]);
  if (withUsage) body += chunk([], { usage: usage(pieces.length) });
  return `${body}data: [DONE]\n\n`;
}

export function openAiResponse(request: RecordedRequest, script: OpenAiScript): ScriptedResponse {
  if (script.override) return script.override;
  const headers = { 'x-request-id': 'req_upstream_1', 'openai-processing-ms': '7', 'openai-organization': 'org-secret-upstream' };
  if (request.json?.stream !== true) {
    return { headers: { ...headers, 'content-type': 'application/json' }, chunks: [JSON.stringify(openAiCompletion(request.json, script.text, script.finishReason))] };
  }
  return shapedSseResponse(headers, openAiStream(request.json, script.pieces ?? tokenize(script.text), script.finishReason), script);
}

export function openAiResponder(script: (request: RecordedRequest) => OpenAiScript): Responder {
  return (request) => openAiResponse(request, script(request));
}

export async function startOpenAiUpstream(script: (request: RecordedRequest) => OpenAiScript): Promise<UpstreamDouble> {
  return UpstreamDouble.start(openAiResponder(script));
}
