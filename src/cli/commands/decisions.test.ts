import { describe, expect, it } from 'vitest';
import { decisionNotes } from './decisions.js';

describe('decisions list, one line per decision', () => {
  it('notes an exemption that changed the outcome, escalating risk and unread content', () => {
    expect(decisionNotes({})).toBe('');
    expect(decisionNotes({ details: { stage: 'classifier' } })).toBe('');
    const risk = { conversation: 'c', account: 'a', added: 0.5, conversationScore: 1.6, accountScore: 1.6 };
    expect(decisionNotes({ details: { risk: { ...risk, decision: 'allow' } } })).toBe('');
    expect(decisionNotes({ details: { exempted: true, risk: { ...risk, decision: 'flag' }, unread: ['file', 'image'] } })).toBe('  [exempted risk:flag unread:file,image]');
  });
});
