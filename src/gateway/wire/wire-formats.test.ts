import { describe, expect, it } from 'vitest';
import { anthropicMessage, anthropicStream } from '../../../test/kit/upstream-anthropic.js';
import { openAiCompletion, openAiStream } from '../../../test/kit/upstream-openai.js';
import { anthropicWire } from './anthropic.js';
import { openAiWire } from './openai.js';
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

  it('authenticates upstream with x-api-key and supplies anthropic-version only when missing', () => {
    expect(anthropicWire.upstreamHeaders('sk-a', {})).toEqual({ 'x-api-key': 'sk-a', 'anthropic-version': '2023-06-01' });
    expect(anthropicWire.upstreamHeaders('sk-a', { 'anthropic-version': '2024-01-01' })).toEqual({ 'x-api-key': 'sk-a' });
  });

  it('classifies the system prompt', () => {
    expect(anthropicWire.parseRequest({ model: 'm', max_tokens: 5, system: [{ type: 'text', text: 'be terse' }], messages: [{ role: 'user', content: 'hi' }] }).conversation).toContain('be terse');
  });
});
