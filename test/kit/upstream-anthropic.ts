import { shapedSseResponse, UpstreamDouble, type StreamShaping, type RecordedRequest, type RequestJson, type Responder, type ScriptedResponse } from './upstream-double.js';
import { tokenize } from './upstream-openai.js';

/**
 * An Anthropic Messages double speaking the real wire format: `message` objects, and the streaming
 * sequence `message_start`, `content_block_start`, `ping`, `content_block_delta`…, `content_block_stop`,
 * `message_delta`, `message_stop`, each as `event:` plus `data:` (docs.anthropic.com/en/docs/build-with-claude/streaming).
 */
export interface AnthropicScript extends StreamShaping {
  readonly text: string;
  readonly pieces?: readonly string[];
  readonly stopReason?: string;
  readonly override?: ScriptedResponse;
}

export const ANTHROPIC_ID = 'msg_double0123456789';

function usage(outputTokens: number) {
  return { input_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: outputTokens };
}

export function anthropicMessage(request: RequestJson, text: string, stopReason = 'end_turn'): object {
  return {
    id: ANTHROPIC_ID,
    type: 'message',
    role: 'assistant',
    model: request?.model ?? 'claude-double',
    content: [{ type: 'text', text }],
    stop_reason: stopReason,
    stop_sequence: null,
    usage: usage(tokenize(text).length),
  };
}

const event = (name: string, data: object) => `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`;

export function anthropicStream(request: RequestJson, pieces: readonly string[], stopReason = 'end_turn'): string {
  let body = event('message_start', {
    message: { id: ANTHROPIC_ID, type: 'message', role: 'assistant', model: request?.model ?? 'claude-double', content: [], stop_reason: null, stop_sequence: null, usage: usage(1) },
  });
  body += event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
  body += event('ping', {});
  for (const piece of pieces) body += event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } });
  body += event('content_block_stop', { index: 0 });
  body += event('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: pieces.length } });
  return body + event('message_stop', {});
}

export function anthropicResponse(request: RecordedRequest, script: AnthropicScript): ScriptedResponse {
  if (script.override) return script.override;
  const headers = { 'request-id': 'req_upstream_1', 'anthropic-organization-id': 'org-secret-upstream' };
  if (request.json?.stream !== true) {
    return { headers: { ...headers, 'content-type': 'application/json' }, chunks: [JSON.stringify(anthropicMessage(request.json, script.text, script.stopReason))] };
  }
  return shapedSseResponse(headers, anthropicStream(request.json, script.pieces ?? tokenize(script.text), script.stopReason), script);
}

export function anthropicResponder(script: (request: RecordedRequest) => AnthropicScript): Responder {
  return (request) => anthropicResponse(request, script(request));
}

export async function startAnthropicUpstream(script: (request: RecordedRequest) => AnthropicScript): Promise<UpstreamDouble> {
  return UpstreamDouble.start(anthropicResponder(script));
}
