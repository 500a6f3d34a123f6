/**
 * The fixed taxonomy. Changing any list here changes what the model is asked, so bump
 * PROMPT_VERSION in prompt.ts with it (every ticket is then re-analysed on the next run).
 */

export const CATEGORIES = [
  'bug',
  'performance',
  'usability',
  'feature_request',
  'integration',
  'data_loss',
  'security',
  'billing',
  'account_access',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SENTIMENTS = ['positive', 'neutral', 'negative', 'mixed'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const MAX_TITLE_CHARS = 80;
export const MAX_ISSUES_PER_TICKET = 10;

/** The JSON schema sent as output_config.format.schema (strict-compatible: no length keywords). */
export const ANSWER_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['is_product_issue', 'issues', 'language', 'sentiment'],
  properties: {
    is_product_issue: { type: 'boolean', description: 'true when the ticket reports at least one problem with the product' },
    issues: {
      type: 'array',
      description: `zero to ${MAX_ISSUES_PER_TICKET} distinct product issues`,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['title', 'category', 'component', 'severity', 'summary', 'evidence', 'theme_id'],
        properties: {
          title: { type: 'string', description: `canonical product problem, at most ${MAX_TITLE_CHARS} characters, no customer names` },
          category: { type: 'string', enum: [...CATEGORIES] },
          component: { type: 'string', description: 'product area, lower case, a few words' },
          severity: { type: 'string', enum: [...SEVERITIES] },
          summary: { type: 'string', description: 'one or two sentences, no personal data' },
          evidence: { type: 'string', description: 'a short quote from the ticket' },
          theme_id: { type: 'integer', description: 'listed theme id of the same problem, else 0' },
        },
      },
    },
    language: { type: 'string', description: 'ISO 639-1 code of the customer language, like en' },
    sentiment: { type: 'string', enum: [...SENTIMENTS] },
  },
} as const;
