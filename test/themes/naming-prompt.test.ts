import { describe, expect, it } from 'vitest';
import { namingRequest, parseNamingAnswer, type ThemeToName } from '../../src/themes/naming-prompt.js';

const asked: ThemeToName[] = [
  { id: 4, category: 'billing', title: 'Charged twice', component: 'billing', tickets: 9, samples: ['Charged twice for plan'] },
  { id: 9, category: 'billing', title: 'Refund pending', component: 'billing', tickets: 3, samples: ['Refund not received'] },
];

describe('theme naming prompt', () => {
  it('sends every theme in one request with a JSON schema for the answer', () => {
    const body = namingRequest('claude-haiku-5-5', asked);
    expect(body.messages).toHaveLength(1);
    expect(body.messages[0]!.content.split('\n').filter((l) => l.startsWith('{'))).toHaveLength(2);
    expect(body.output_config.format.type).toBe('json_schema');
  });

  it('keeps known ids once and drops a name another theme already took', () => {
    const text = JSON.stringify({
      themes: [
        { id: 4, name: 'Duplicate subscription charges', description: 'Customers billed twice.' },
        { id: 9, name: 'duplicate subscription charges', description: 'Same name again.' },
        { id: 77, name: 'Unknown theme', description: '' },
      ],
    });
    expect(parseNamingAnswer(text, asked)).toEqual([{ id: 4, title: 'Duplicate subscription charges', description: 'Customers billed twice.' }]);
  });

  it('throws on an answer that is not the JSON asked for', () => {
    expect(() => parseNamingAnswer('{"names": []}', asked)).toThrow();
  });
});
