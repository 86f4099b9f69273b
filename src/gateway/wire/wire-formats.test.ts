import { describe, expect, it } from 'vitest';
import { anthropicMessage, anthropicStream } from '../../../test/kit/upstream-anthropic.js';
import { openAiCompletion, openAiStream } from '../../../test/kit/upstream-openai.js';
import { responseObject, responsesStream } from '../../../test/kit/upstream-openai-responses.js';
import { SseParser } from '../sse.js';
import { anthropicWire } from './anthropic.js';
import { openAiWire } from './openai.js';
import { openAiResponsesWire } from './openai-responses.js';
import { wireFormatContract } from './wire-format.contract.js';

describe('openai wire format', () => {
  wireFormatContract(openAiWire, {
    request: (content, extra = {}) => ({ model: 'm-1', messages: [{ role: 'user', content }], ...extra }),
    completed: (text) => openAiCompletion({ model: 'm-1' }, text),
    stream: (pieces) => openAiStream({ model: 'm-1' }, pieces),
    conversation: (turns, user) => ({ model: 'm-1', user, messages: turns.flatMap((content, i) => [...(i > 0 ? [{ role: 'assistant', content: '[ASSISTANT-REPLY]' }] : []), { role: 'user', content }]) }),
  });

  it('refuses to stream several choices: their texts would interleave', () => {
    expect(() => openAiWire.parseRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true, n: 2 })).toThrow(/n must be 1/);
  });

  it('names the content it cannot read: image, audio and file parts, and an earlier spoken answer', () => {
    const parse = (messages: unknown[]) => openAiWire.parseRequest({ model: 'm', messages }).unread;
    expect(parse([{ role: 'user', content: [{ type: 'text', text: 'hi' }, { type: 'image_url', image_url: { url: 'https://example.test/a.png' } }] }])).toEqual(['image']);
    expect(parse([{ role: 'user', content: [{ type: 'file', file: { file_id: 'file-1' } }, { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }] }])).toEqual(['audio', 'file']);
    expect(parse([{ role: 'assistant', content: null, audio: { id: 'audio_1' } }, { role: 'user', content: 'and then?' }])).toEqual(['audio']);
    expect(parse([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }])).toEqual([]);
  });

  it('authenticates upstream with a bearer token', () => {
    expect(openAiWire.upstreamHeaders('sk-1', {})).toEqual({ authorization: 'Bearer sk-1' });
  });

  it('classifies tool-call arguments as text the model reads', () => {
    const parsed = openAiWire.parseRequest({
      model: 'm',
      messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"q":"hidden words"}' } }] }],
    });
    expect(parsed.conversation).toContain('hidden words');
  });

  it('classifies every definition the model reads: tools, legacy functions and calls, a response schema, a prediction', () => {
    const schema = { type: 'object', properties: { schema_property_words: { type: 'string', description: 'parameter words', enum: ['enum words'] } } };
    const parsed = openAiWire.parseRequest({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: null, function_call: { name: 'f', arguments: '{"a":"legacy call words"}' } }],
      tools: [{ type: 'function', function: { name: 'tool_name_words', description: 'tool description words', parameters: schema } }],
      functions: [{ name: 'g', description: 'legacy function words' }],
      response_format: { type: 'json_schema', json_schema: { name: 'r', description: 'response schema words', schema } },
      prediction: { type: 'content', content: 'predicted words' },
    });
    for (const words of ['tool_name_words', 'tool description words', 'schema_property_words', 'parameter words', 'enum words', 'legacy call words', 'legacy function words', 'response schema words', 'predicted words']) {
      expect(parsed.conversation).toContain(words);
    }
    expect(parsed.conversation).not.toMatch(/\bobject\b|json_schema/);
  });
});

describe('anthropic wire format', () => {
  wireFormatContract(anthropicWire, {
    request: (content, extra = {}) => ({ model: 'm-1', max_tokens: 100, system: 'sys prompt', messages: [{ role: 'user', content }], ...extra }),
    completed: (text) => anthropicMessage({ model: 'm-1' }, text),
    stream: (pieces) => anthropicStream({ model: 'm-1' }, pieces),
    conversation: (turns, user) => ({
      model: 'm-1',
      max_tokens: 100,
      system: 'sys prompt',
      metadata: { user_id: user },
      messages: turns.flatMap((content, i) => [...(i > 0 ? [{ role: 'assistant', content: '[ASSISTANT-REPLY]' }] : []), { role: 'user', content }]),
    }),
  });

  it('names the content it cannot read, nested ones included, and reads text documents', () => {
    const parse = (content: unknown[]) => anthropicWire.parseRequest({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content }] }).unread;
    const image = { type: 'image', source: { type: 'url', url: 'https://example.test/a.png' } };
    expect(parse([image])).toEqual(['image']);
    expect(parse([{ type: 'document', source: { type: 'file', file_id: 'file_1' } }, { type: 'container_upload', file_id: 'file_2' }])).toEqual(['document', 'file']);
    expect(parse([{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'text', text: 'ok' }, image] }])).toEqual(['image']);
    expect(parse([{ type: 'document', source: { type: 'content', content: [{ type: 'text', text: 'page' }, image] } }])).toEqual(['image']);
    expect(parse([{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'notes' } }, { type: 'text', text: 'hi' }])).toEqual([]);
  });

  it('authenticates upstream with x-api-key and supplies anthropic-version only when missing', () => {
    expect(anthropicWire.upstreamHeaders('sk-a', {})).toEqual({ 'x-api-key': 'sk-a', 'anthropic-version': '2023-06-01' });
    expect(anthropicWire.upstreamHeaders('sk-a', { 'anthropic-version': '2024-01-01' })).toEqual({ 'x-api-key': 'sk-a' });
  });

  it('classifies documents and search results given as text, tool results nesting them, and tool definitions', () => {
    const parsed = anthropicWire.parseRequest({
      model: 'm',
      max_tokens: 5,
      tools: [{ name: 'lookup', description: 'tool description words', input_schema: { type: 'object', properties: { property_words: { type: 'string', description: 'parameter words' } } } }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'plain document words' }, title: 'title words', context: 'context words' },
            { type: 'document', source: { type: 'content', content: [{ type: 'text', text: 'content document words' }] } },
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0xLjQK' } },
            { type: 'search_result', source: 'https://example.org', title: 'search title words', content: [{ type: 'text', text: 'search result words' }] },
            { type: 'tool_result', tool_use_id: 't1', content: [{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'nested document words' } }] },
          ],
        },
        { role: 'assistant', content: [{ type: 'thinking', thinking: 'reasoning words', signature: 'c2ln' }, { type: 'text', text: 'ok' }] },
        { role: 'user', content: 'go on' },
      ],
    });
    for (const words of ['reasoning words', 'tool description words', 'property_words', 'parameter words', 'plain document words', 'title words', 'context words', 'content document words', 'search title words', 'search result words', 'nested document words']) {
      expect(parsed.conversation).toContain(words);
    }
    expect(parsed.latestTurn).toBe('go on');
    expect(parsed.conversationSeed).not.toContain('tool description words');
    expect(parsed.conversation).not.toMatch(/JVBERi0|c2ln/);
  });

  it('classifies the system prompt', () => {
    expect(anthropicWire.parseRequest({ model: 'm', max_tokens: 5, system: [{ type: 'text', text: 'be terse' }], messages: [{ role: 'user', content: 'hi' }] }).conversation).toContain('be terse');
  });
});

describe('openai responses wire format', () => {
  wireFormatContract(openAiResponsesWire, {
    request: (content, extra = {}) => ({ model: 'm-1', instructions: 'sys prompt', input: [{ role: 'user', content }], ...extra }),
    completed: (text) => responseObject({ model: 'm-1' }, text),
    stream: (pieces) => responsesStream({ model: 'm-1' }, pieces),
    conversation: (turns, user) => ({
      model: 'm-1',
      instructions: 'sys prompt',
      user,
      input: turns.flatMap((content, i) => [...(i > 0 ? [{ role: 'assistant', content: '[ASSISTANT-REPLY]' }] : []), { role: 'user', content }]),
    }),
    invalid: () => ({ model: 'm-1', input: 42 }),
  });

  it('reads a plain string input as one user turn, and every text an item carries', () => {
    expect(openAiResponsesWire.parseRequest({ model: 'm', input: 'How do seeds sprout?' })).toMatchObject({ conversation: 'How do seeds sprout?', latestTurn: 'How do seeds sprout?', turns: 1, unread: [] });
    const parsed = openAiResponsesWire.parseRequest({
      model: 'm',
      instructions: 'be brief',
      tools: [{ type: 'function', name: 'lookup', description: 'tool words', parameters: { type: 'object', properties: {} } }],
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 'first words' }] },
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'summary words' }] },
        { type: 'function_call', call_id: 'c1', name: 'lookup', arguments: '{"q":"argument words"}' },
        { type: 'function_call_output', call_id: 'c1', output: 'tool result words' },
      ],
    });
    for (const words of ['be brief', 'tool words', 'first words', 'summary words', 'argument words', 'tool result words']) expect(parsed.conversation).toContain(words);
    // The newest turn is what follows the model's last item: the tool result.
    expect(parsed.latestTurn).toBe('tool result words');
  });

  it('names what it cannot read: media, stored history and prompts, references, and item types it does not know', () => {
    const unread = (body: Record<string, unknown>) => openAiResponsesWire.parseRequest({ model: 'm', ...body }).unread;
    expect(unread({ input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'https://example.test/a.png' }, { type: 'input_file', file_id: 'f' }] }] })).toEqual(['file', 'image']);
    expect(unread({ input: 'and then?', previous_response_id: 'resp_1' })).toEqual(['stored conversation']);
    expect(unread({ input: 'hi', conversation: 'conv_1', prompt: { id: 'pmpt_1' } })).toEqual(['stored conversation', 'stored prompt']);
    expect(unread({ input: [{ type: 'item_reference', id: 'msg_1' }, { type: 'computer_call_output', call_id: 'c', output: { type: 'computer_screenshot' } }] })).toEqual(['item computer_call_output', 'stored item']);
    expect(unread({ input: [{ role: 'user', content: [{ type: 'input_text', text: 'hi' }, { type: 'future_part', data: 'x' }] }, 'a bare string'] })).toEqual(['content', 'part future_part']);
    expect(() => openAiResponsesWire.parseRequest({ model: 'm', input: 'hi', background: true })).toThrow(/background/);
  });

  it('reads every output item of a whole response: messages, calls, reasoning, and unknown items', () => {
    const body = responseObject({ model: 'm' }, 'message words');
    const output = [
      ...(body.output as object[]),
      { id: 'fc_1', type: 'function_call', call_id: 'c1', name: 'lookup', arguments: '{"q":"argument words"}', status: 'completed' },
      { id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: 'summary words' }] },
      { id: 'x_1', type: 'future_call', status: 'completed', result: 'future words' },
    ];
    const completed = openAiResponsesWire.readCompleted({ ...body, output });
    for (const words of ['message words', 'argument words', 'summary words', 'future words']) expect(completed.text).toContain(words);
    expect(completed.text).not.toContain('completed');
    expect(completed.refused()).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'content_filter' }, output: [] });
  });

  it('counts a text repeated after its deltas once, and a repeat that differs as new text', () => {
    const codec = openAiResponsesWire.openStream(openAiResponsesWire.parseRequest({ model: 'm', input: 'hi', stream: true }));
    const plain = responsesStream({ model: 'm' }, ['Hello', ' world']);
    const sse = plain.replace('"text":"Hello world"}]}}\n\nevent: response.completed', '"text":"Hello world!"}]}}\n\nevent: response.completed');
    expect(sse).not.toBe(plain);
    const texts = [...new SseParser().push(sse)].map((e) => codec.textOf(e));
    // The deltas, then only the item.done that differs ("!"); the other repeats match the deltas.
    expect(texts.filter((t) => t !== null)).toEqual(['Hello', ' world', 'Hello world!']);
  });
});
