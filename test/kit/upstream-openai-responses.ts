import { tokenize } from './upstream-openai.js';
import { shapedSseResponse, UpstreamDouble, type RecordedRequest, type RequestJson, type ScriptedResponse, type StreamShaping } from './upstream-double.js';

/**
 * An OpenAI Responses double speaking the real wire format: `response` objects, and the event stream of
 * platform.openai.com/docs/api-reference/responses-streaming (`event: response.*`, each `data` carrying
 * its `type` and a `sequence_number`): created, in_progress, output_item.added, content_part.added,
 * output_text deltas, output_text.done, content_part.done, output_item.done and completed, where the
 * done events and the completed response repeat the whole text.
 */
export interface ResponsesScript extends StreamShaping {
  readonly text: string;
  readonly pieces?: readonly string[];
}

export const RESPONSE_ID = 'resp_double123';
const MESSAGE_ID = 'msg_double456';
const CREATED_AT = 1_764_000_000;

function usage(outputTokens: number) {
  return { input_tokens: 12, input_tokens_details: { cached_tokens: 0 }, output_tokens: outputTokens, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 12 + outputTokens };
}

function message(text: string, status = 'completed') {
  return { id: MESSAGE_ID, type: 'message', status, role: 'assistant', content: [{ type: 'output_text', annotations: [], logprobs: [], text }] };
}

export function responseObject(request: RequestJson, text: string | null, status = 'completed'): Record<string, unknown> {
  return {
    id: RESPONSE_ID,
    object: 'response',
    created_at: CREATED_AT,
    status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: typeof request?.instructions === 'string' ? request.instructions : null,
    max_output_tokens: null,
    model: request?.model ?? 'gpt-double',
    output: text === null ? [] : [message(text)],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: true,
    temperature: 1,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: text === null ? null : usage(tokenize(text).length),
    user: null,
    metadata: {},
  };
}

export function responsesStream(request: RequestJson, pieces: readonly string[]): string {
  let sequence = 0;
  const event = (type: string, fields: object) => `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...fields })}\n\n`;
  const text = pieces.join('');
  const place = { item_id: MESSAGE_ID, output_index: 0, content_index: 0 };
  let body = event('response.created', { response: responseObject(request, null, 'in_progress') });
  body += event('response.in_progress', { response: responseObject(request, null, 'in_progress') });
  body += event('response.output_item.added', { output_index: 0, item: { ...message(''), status: 'in_progress', content: [] } });
  body += event('response.content_part.added', { ...place, part: { type: 'output_text', annotations: [], logprobs: [], text: '' } });
  for (const piece of pieces) body += event('response.output_text.delta', { ...place, delta: piece, logprobs: [], obfuscation: 'aB3' });
  body += event('response.output_text.done', { ...place, text, logprobs: [] });
  body += event('response.content_part.done', { ...place, part: { type: 'output_text', annotations: [], logprobs: [], text } });
  body += event('response.output_item.done', { output_index: 0, item: message(text) });
  body += event('response.completed', { response: responseObject(request, text) });
  return body;
}

export function responsesResponse(request: RecordedRequest, script: ResponsesScript): ScriptedResponse {
  const headers = { 'x-request-id': 'req_upstream_1', 'openai-processing-ms': '7', 'openai-organization': 'org-secret-upstream' };
  if (request.json?.stream !== true) {
    return { headers: { ...headers, 'content-type': 'application/json' }, chunks: [JSON.stringify(responseObject(request.json, script.text))] };
  }
  return shapedSseResponse(headers, responsesStream(request.json, script.pieces ?? tokenize(script.text)), script);
}

export async function startResponsesUpstream(script: (request: RecordedRequest) => ResponsesScript): Promise<UpstreamDouble> {
  return UpstreamDouble.start((request) => responsesResponse(request, script(request)));
}
