import { z } from 'zod';

/**
 * The one Claude call that names themes: it sees every theme at once, so names stay distinct
 * (naming clusters one by one gave near-identical names; research/analysis.md §5.3). Pure:
 * builds the request body and validates the answer.
 */

export interface ThemeToName {
  id: number;
  category: string;
  title: string;
  component: string | null;
  tickets: number;
  samples: string[];
}

export interface ThemeName {
  id: number;
  title: string;
  description: string;
}

export const MAX_THEMES_PER_CALL = 300;
const MAX_OUTPUT_TOKENS = 16_000;

const ANSWER_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['themes'],
  properties: {
    themes: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'description'],
        properties: {
          id: { type: 'integer' },
          name: { type: 'string', description: 'at most 60 characters, names the product problem' },
          description: { type: 'string', description: 'one or two sentences, no customer names' },
        },
      },
    },
  },
} as const;

const answerSchema = z.object({
  themes: z.array(z.object({ id: z.number().int(), name: z.string().min(1), description: z.string() })),
});

const SYSTEM = `You name themes of customer support issues for a product team.
Each theme groups canonical issue titles extracted from support tickets.
Give every theme a short, specific name (at most 60 characters) that says what is wrong in which
part of the product, and a one- or two-sentence description. Names must be distinct from each
other: when two themes are close, make the difference explicit. No customer or company names,
no personal data. Answer for every theme id you are given, and only those.`;

/** The Messages API request body for naming `themes`. */
export function namingRequest(model: string, themes: readonly ThemeToName[]) {
  const lines = themes.map((t) =>
    JSON.stringify({ id: t.id, category: t.category, component: t.component, tickets: t.tickets, current_title: t.title, sample_titles: t.samples }),
  );
  return {
    model,
    max_tokens: MAX_OUTPUT_TOKENS,
    system: SYSTEM,
    messages: [{ role: 'user' as const, content: `Themes, one JSON object a line:\n${lines.join('\n')}` }],
    output_config: { format: { type: 'json_schema' as const, schema: ANSWER_SCHEMA as unknown as Record<string, unknown> } },
  };
}

/**
 * Parses and checks the answer text: unknown ids are dropped, names are trimmed to 80 characters,
 * and a name that repeats an earlier one (case-insensitively) is dropped so its theme keeps its
 * own title. Throws on text that is not the JSON asked for.
 */
export function parseNamingAnswer(text: string, asked: readonly ThemeToName[]): ThemeName[] {
  const parsed = answerSchema.parse(JSON.parse(text));
  const ids = new Set(asked.map((t) => t.id));
  const seenIds = new Set<number>();
  const seenNames = new Set<string>();
  const out: ThemeName[] = [];
  for (const t of parsed.themes) {
    const title = t.name.trim().replace(/\s+/g, ' ').slice(0, 80);
    const key = title.toLowerCase();
    if (!ids.has(t.id) || seenIds.has(t.id) || !title || seenNames.has(key)) continue;
    seenIds.add(t.id);
    seenNames.add(key);
    out.push({ id: t.id, title, description: t.description.trim().slice(0, 500) });
  }
  return out;
}
