import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deriveAnswer, deriveSameProblems, deriveThemeNames, listedThemes, type FakeAnswer } from './claude-rules.js';
import { seededRandom } from './seeded-random.js';

/**
 * A loopback stand-in for the Anthropic API that speaks its wire format
 * (research/analysis.md §4): POST /v1/messages (structured-output text JSON, or tool_use when
 * the request offers tools), usage with cache fields, request-id and anthropic-ratelimit-*
 * headers, the real error bodies, /v1/messages/count_tokens, GET /v1/models, and Message
 * Batches with an absolute results_url and JSONL results. Faults are injected from a seeded RNG.
 * Answers are derived from the ticket text (claude-rules.ts), never canned.
 */

/** `hostile_text`: a title and component full of escape sequences, bidi overrides and NULs (issue 10). */
export type FaultKind = '429' | '529' | '500' | '400' | 'invalid_json' | 'refusal' | 'max_tokens' | 'bad_category' | 'hostile_text' | 'many_issues';

/** What a hostile or broken model might put in a title: clear screen, window title, link, RLO, NUL. */
export const HOSTILE_TITLE = 'Refund \x1b[2J\x1b]0;owned\x07\x1b]8;;https://evil.example\x1b\\fails\x1b]8;;\x1b\\ \u202eetats\0 everywhere';

export interface ClaudeFakeOptions {
  /** When set, any other key gets 401 authentication_error. */
  apiKey?: string;
  /** Delay before every /v1/messages answer (ms). */
  latencyMs?: number;
  seed?: number;
  /** Fraction of /v1/messages calls (and batch requests) that fail, with kinds chosen uniformly. */
  faults?: { rate: number; kinds?: FaultKind[] };
  /** retry-after sent with 429 (seconds, default 1). */
  retryAfterSeconds?: number;
  /** Also send retry-after-ms (tests keep waits short with it). */
  retryAfterMs?: number;
  /** Real 429s once more than this many requests arrive within 60 s. Default 100 000. */
  requestsPerMinute?: number;
  /** Prompt prefixes shorter than this are not cached (as the real API, silently). */
  cacheMinTokens?: number;
  /** Models that 400 a forced tool_choice (current models do). Default: every model. */
  rejectForcedToolChoice?: boolean;
  models?: string[];
  /** Batches end once retrieved this many times (default 1); `endBatches()` ends them at once. */
  batchEndAfterPolls?: number;
  /** Fraction of batch requests that come back errored (overloaded) or expired. */
  batchErrorRate?: number;
  batchExpireRate?: number;
  /** Every request answers 402 billing_error (an account out of credit). */
  billingError?: boolean;
  /** Batch creations whose body passes this many bytes answer 413 (the API's limit: 256 MB). */
  maxBatchBytes?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

interface FakeBatch {
  object: Record<string, unknown> & { id: string; processing_status: string };
  results: Array<Record<string, unknown>>;
  polls: number;
}

export interface ClaudeFake {
  readonly url: string;
  /** Every request, in arrival order, with its raw body (tests search these for PII). */
  readonly requests: RecordedRequest[];
  /** POST /v1/messages calls answered with a message (not an error). */
  readonly stats: {
    messages: number;
    errors: number;
    inFlight: number;
    maxInFlight: number;
    batchRequests: number;
    /** performance.now() of the first /v1/messages arrival and of the last answer (for benches). */
    firstRequestAt: number;
    lastAnswerAt: number;
  };
  /** Changes fault injection from now on. */
  setFaults(faults: ClaudeFakeOptions['faults']): void;
  /** Ends every batch now. */
  endBatches(): void;
  close(): Promise<void>;
}

export const FAKE_MODELS = ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5', 'claude-haiku-4-5', 'claude-test-unpriced'];
/** Models that think adaptively unless told `thinking: {type: 'disabled'}`, and take effort. */
const ADAPTIVE_MODELS = ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5'];
const THINKING_CHARS: Record<string, number> = { low: 200, medium: 800, high: 2000, xhigh: 4000, max: 8000 };


const tokens = (text: string) => Math.ceil(text.length / 4);
const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** Starts the fake on 127.0.0.1, a random port. Close it in a finally or onTestFinished. */
export async function startClaudeFake(options: ClaudeFakeOptions = {}): Promise<ClaudeFake> {
  const random = seededRandom(options.seed ?? 1);
  let faults = options.faults;
  const models = options.models ?? FAKE_MODELS;
  const requests: RecordedRequest[] = [];
  const stats = { messages: 0, errors: 0, inFlight: 0, maxInFlight: 0, batchRequests: 0, firstRequestAt: 0, lastAnswerAt: 0 };
  const recent: number[] = []; // request times within the last minute
  const cache = new Map<string, number>(); // prefix hash -> expiry
  const batches = new Map<string, FakeBatch>();
  let counter = 0;
  let url = '';
  const id = (prefix: string) => `${prefix}_${(++counter).toString(16).padStart(12, '0')}${createHash('sha1').update(String(counter)).digest('hex').slice(0, 12)}`;
  const rpm = options.requestsPerMinute ?? 100_000;

  const rateHeaders = (now: number): Record<string, string> => {
    while (recent.length && recent[0]! < now - 60_000) recent.shift();
    const reset = new Date((recent[0] ?? now) + 60_000).toISOString();
    const remaining = String(Math.max(0, rpm - recent.length));
    const h: Record<string, string> = {};
    for (const bucket of ['requests', 'tokens', 'input-tokens', 'output-tokens']) {
      const limit = bucket === 'requests' ? rpm : rpm * 2000;
      h[`anthropic-ratelimit-${bucket}-limit`] = String(limit);
      h[`anthropic-ratelimit-${bucket}-remaining`] = bucket === 'requests' ? remaining : String(limit);
      h[`anthropic-ratelimit-${bucket}-reset`] = reset;
    }
    return h;
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const requestId = id('req');
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': requestId, ...rateHeaders(Date.now()), ...headers });
    res.end(JSON.stringify(body));
  };
  const errorBody = (status: number, message: string) => ({ type: 'error', error: { type: ERROR_TYPES[status] ?? 'api_error', message }, request_id: id('req') });
  const sendError = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) => {
    stats.errors++;
    send(res, status, errorBody(status, message), headers);
  };
  const retryHeaders = (): Record<string, string> => {
    const h: Record<string, string> = { 'retry-after': String(options.retryAfterSeconds ?? 1) };
    if (options.retryAfterMs !== undefined) h['retry-after-ms'] = String(options.retryAfterMs);
    return h;
  };
  const pickFault = (): FaultKind | undefined => {
    if (!faults || faults.rate <= 0) return undefined;
    const roll = random();
    const kinds = faults.kinds ?? ['429', '529', '500', 'invalid_json', 'refusal', 'max_tokens'];
    const kind = kinds[Math.floor(random() * kinds.length)]!;
    return roll < faults.rate ? kind : undefined;
  };

  /** Validates a Messages request; returns an [status, message] error or undefined. */
  const invalid = (params: any): [number, string] | undefined => {
    if (!params || typeof params !== 'object') return [400, 'body: expected an object'];
    if (typeof params.model !== 'string') return [400, 'model: Field required'];
    if (!Number.isInteger(params.max_tokens) || params.max_tokens < 1) return [400, 'max_tokens: Field required'];
    if (!Array.isArray(params.messages) || params.messages.length === 0) return [400, 'messages: at least one message is required'];
    if (!models.includes(params.model)) return [404, `model: ${params.model}`];
    const forced = params.tool_choice && (params.tool_choice.type === 'tool' || params.tool_choice.type === 'any');
    if (forced && options.rejectForcedToolChoice !== false) return [400, `tool_choice: forced tool use is not supported with ${params.model}; use output_config.format`];
    // Thinking and effort as the current models take them (analysis/reasoning-params.ts).
    if (params.thinking?.type === 'enabled' && ADAPTIVE_MODELS.includes(params.model)) return [400, `"thinking.type.enabled" is not supported for this model; use "adaptive" with output_config.effort`];
    if (params.thinking?.type === 'disabled' && params.model === 'claude-opus-5-5') return [400, 'thinking: cannot be disabled for claude-opus-5-5'];
    if (params.output_config?.effort !== undefined && !ADAPTIVE_MODELS.includes(params.model)) return [400, `output_config.effort: not supported for ${params.model}`];
    return undefined;
  };

  /** Builds the message (or the answer-level fault) for valid params. */
  const answer = (params: any, fault: FaultKind | undefined, tier: 'standard' | 'batch') => {
    const systemText = typeof params.system === 'string' ? params.system : JSON.stringify(params.system ?? '');
    const prefix = systemText + JSON.stringify(params.tools ?? '') + JSON.stringify(params.output_config ?? '');
    const userText = (params.messages as any[])
      .map((m) => (typeof m.content === 'string' ? m.content : (m.content as any[]).map((b) => b.text ?? '').join('\n')))
      .join('\n');
    const prefixTokens = tokens(prefix);
    const total = prefixTokens + tokens(userText);
    let cacheWrite = 0;
    let cacheRead = 0;
    if (/cache_control/.test(JSON.stringify(params.system ?? '')) || params.cache_control) {
      if (prefixTokens >= (options.cacheMinTokens ?? 1024)) {
        const key = createHash('sha256').update(params.model + prefix).digest('hex');
        if ((cache.get(key) ?? 0) > Date.now()) cacheRead = prefixTokens;
        else cacheWrite = prefixTokens;
        cache.set(key, Date.now() + 5 * 60_000);
      }
    }
    const ticket = /<ticket[^>]*>([\s\S]*?)<\/ticket>/.exec(userText)?.[1] ?? userText;
    // The answer follows the schema asked for: theme naming, near-duplicate themes, or ticket analysis.
    const required: unknown = params.output_config?.format?.schema?.required;
    const asks = (field: string) => Array.isArray(required) && required.includes(field);
    const derived: FakeAnswer = asks('themes')
      ? (deriveThemeNames(userText) as unknown as FakeAnswer)
      : asks('same_problem')
        ? (deriveSameProblems(userText) as unknown as FakeAnswer)
        : deriveAnswer(ticket, listedThemes(userText));
    if (fault === 'bad_category' && derived.issues?.[0]) derived.issues[0] = { ...derived.issues[0], category: 'crash_report' };
    if (fault === 'hostile_text' && derived.issues?.[0]) derived.issues[0] = { ...derived.issues[0], title: HOSTILE_TITLE, component: 'pay\x1b[31mments' };
    // More issues than the schema's maxItems: a model that ignores it (seen on long tickets).
    if (fault === 'many_issues' && derived.issues?.length) {
      const severities = ['low', 'medium', 'high', 'critical', 'low', 'medium'];
      derived.issues = Array.from({ length: 13 }, (_, i) => ({ ...derived.issues[i % derived.issues.length]!, title: `${derived.issues[0]!.title} (part ${i + 1})`, severity: severities[i % 6]! }));
    }
    let json = JSON.stringify(derived);
    let stop = 'end_turn';
    const useTool = Array.isArray(params.tools) && params.tools.length > 0 && !params.output_config?.format;
    let content: Array<Record<string, unknown>> = useTool
      ? [{ type: 'tool_use', id: id('toolu'), name: params.tools[0].name, input: derived }]
      : [{ type: 'text', text: json }];
    if (useTool) stop = 'tool_use';
    if (fault === 'invalid_json') content = [{ type: 'text', text: `Here is the analysis: ${json.slice(0, 40)}` }];
    if (fault === 'refusal') {
      content = [];
      stop = 'refusal';
    }
    if (fault === 'max_tokens') {
      json = json.slice(0, Math.max(10, Math.floor(json.length / 2)));
      content = [{ type: 'text', text: json }];
      stop = 'max_tokens';
    }
    // Adaptive thinking, on unless disabled: a thinking block first, its tokens billed as output
    // and counted toward max_tokens (an answer that no longer fits is cut, as the real API does).
    if (ADAPTIVE_MODELS.includes(params.model) && params.thinking?.type !== 'disabled' && stop !== 'refusal') {
      const thought = 'Reading the ticket and listing each product problem it reports. '.repeat(32).slice(0, THINKING_CHARS[params.output_config?.effort ?? 'medium'] ?? 800);
      const answerTokens = tokens(JSON.stringify(content));
      if (tokens(thought) + answerTokens > params.max_tokens) {
        content = [{ type: 'text', text: json.slice(0, Math.max(0, (params.max_tokens - tokens(thought)) * 4)) }];
        stop = 'max_tokens';
      }
      content.unshift({ type: 'thinking', thinking: thought, signature: id('sig') });
    }
    return {
      id: id('msg'),
      type: 'message',
      role: 'assistant',
      model: params.model,
      content,
      stop_reason: stop,
      stop_sequence: null,
      usage: {
        input_tokens: total - cacheWrite - cacheRead,
        output_tokens: tokens(JSON.stringify(content)) || 1,
        cache_creation_input_tokens: cacheWrite,
        cache_read_input_tokens: cacheRead,
        cache_creation: { ephemeral_5m_input_tokens: cacheWrite, ephemeral_1h_input_tokens: 0 },
        service_tier: tier,
      },
    };
  };

  const batchObject = (b: FakeBatch) => b.object;
  const endBatch = (b: FakeBatch) => {
    if (b.object.processing_status === 'ended') return;
    const counts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
    for (const r of b.results) counts[(r.result as { type: keyof typeof counts }).type]++;
    Object.assign(b.object, {
      processing_status: 'ended',
      request_counts: counts,
      ended_at: new Date().toISOString(),
      results_url: `${url}/v1/messages/batches/${b.object.id}/results`,
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, body: string) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const key = req.headers['x-api-key'] ?? /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (options.apiKey !== undefined && key !== options.apiKey) return sendError(res, 401, 'invalid x-api-key');
    if (options.billingError) return sendError(res, 402, 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.');
    if (path === '/v1/messages/batches' && req.method === 'POST' && Buffer.byteLength(body) > (options.maxBatchBytes ?? 256_000_000)) {
      return sendError(res, 413, 'Request exceeds the maximum allowed number of bytes.');
    }
    recent.push(Date.now());
    let params: any;
    if (req.method === 'POST') {
      try {
        params = JSON.parse(body || '{}');
      } catch {
        return sendError(res, 400, 'body: invalid JSON');
      }
    }
    if (req.method === 'POST' && path === '/v1/messages') {
      if (!stats.firstRequestAt) stats.firstRequestAt = performance.now();
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      try {
        if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
        if (recent.length > rpm) return sendError(res, 429, 'Number of requests has exceeded your rate limit', retryHeaders());
        const bad = invalid(params);
        if (bad) return sendError(res, bad[0], bad[1]);
        const fault = pickFault();
        if (fault === '429') return sendError(res, 429, 'Number of requests has exceeded your rate limit', retryHeaders());
        if (fault === '529') return sendError(res, 529, 'Overloaded');
        if (fault === '500') return sendError(res, 500, 'Internal server error');
        // What a parameter the model does not take looks like (e.g. an unsupported effort level).
        if (fault === '400') return sendError(res, 400, `output_config.effort: not supported for ${params.model}`);
        stats.messages++;
        return send(res, 200, answer(params, fault, 'standard'));
      } finally {
        stats.inFlight--;
        stats.lastAnswerAt = performance.now();
      }
    }
    if (req.method === 'POST' && path === '/v1/messages/count_tokens') {
      const bad = invalid({ max_tokens: 1, ...params });
      if (bad) return sendError(res, bad[0], bad[1]);
      return send(res, 200, { input_tokens: tokens(JSON.stringify(params.system ?? '') + JSON.stringify(params.messages)) });
    }
    if (req.method === 'GET' && path === '/v1/models') {
      const data = models.map((m) => ({ type: 'model', id: m, display_name: m, created_at: '2026-10-01T00:00:00Z' }));
      return send(res, 200, { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
    }
    const model = /^\/v1\/models\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && model) {
      return models.includes(model[1]!) ? send(res, 200, { type: 'model', id: model[1], display_name: model[1], created_at: '2026-10-01T00:00:00Z' }) : sendError(res, 404, `model: ${model[1]}`);
    }
    if (path === '/v1/messages/batches' && req.method === 'POST') {
      if (!Array.isArray(params.requests) || params.requests.length === 0) return sendError(res, 400, 'requests: at least one request is required');
      const ids = new Set<string>();
      for (const r of params.requests) {
        if (typeof r.custom_id !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(r.custom_id)) return sendError(res, 400, 'requests: custom_id is invalid');
        if (ids.has(r.custom_id)) return sendError(res, 400, `requests: duplicate custom_id ${r.custom_id}`);
        ids.add(r.custom_id);
      }
      const batchId = id('msgbatch');
      const now = new Date();
      const results = (params.requests as any[]).map((r) => {
        stats.batchRequests++;
        const bad = invalid(r.params);
        if (bad) return { custom_id: r.custom_id, result: { type: 'errored', error: errorBody(bad[0], bad[1]) } };
        const roll = random();
        if (roll < (options.batchErrorRate ?? 0)) return { custom_id: r.custom_id, result: { type: 'errored', error: errorBody(529, 'Overloaded') } };
        if (roll < (options.batchErrorRate ?? 0) + (options.batchExpireRate ?? 0)) return { custom_id: r.custom_id, result: { type: 'expired' } };
        const fault = pickFault();
        const answerFault = fault === 'invalid_json' || fault === 'refusal' || fault === 'max_tokens' || fault === 'bad_category' ? fault : undefined;
        return { custom_id: r.custom_id, result: { type: 'succeeded', message: answer(r.params, answerFault, 'batch') } };
      });
      // Results come back in no particular order, as the real API warns.
      results.reverse();
      const batch: FakeBatch = {
        polls: 0,
        results,
        object: {
          id: batchId,
          type: 'message_batch',
          processing_status: 'in_progress',
          request_counts: { processing: results.length, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + 86_400_000).toISOString(),
          ended_at: null,
          archived_at: null,
          cancel_initiated_at: null,
          results_url: null,
        },
      };
      batches.set(batchId, batch);
      return send(res, 200, batchObject(batch));
    }
    if (path === '/v1/messages/batches' && req.method === 'GET') {
      const all = [...batches.values()].map(batchObject).reverse();
      const limit = Math.min(1000, Number(query.get('limit') ?? 20));
      const after = query.get('after_id');
      const start = after ? all.findIndex((b) => b.id === after) + 1 : 0;
      const data = all.slice(start, start + limit);
      return send(res, 200, { data, has_more: start + limit < all.length, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
    }
    const batchPath = /^\/v1\/messages\/batches\/([^/]+)(\/results|\/cancel)?$/.exec(path);
    if (batchPath) {
      const batch = batches.get(batchPath[1]!);
      if (!batch) return sendError(res, 404, `message_batch: ${batchPath[1]} not found`);
      if (req.method === 'GET' && !batchPath[2]) {
        batch.polls++;
        if (batch.polls >= (options.batchEndAfterPolls ?? 1)) endBatch(batch);
        return send(res, 200, batchObject(batch));
      }
      if (req.method === 'GET' && batchPath[2] === '/results') {
        if (batch.object.processing_status !== 'ended') return sendError(res, 400, 'batch is still processing');
        res.writeHead(200, { 'content-type': 'application/binary', 'request-id': id('req') });
        return res.end(batch.results.map((r) => JSON.stringify(r)).join('\n') + '\n');
      }
      if (req.method === 'POST' && batchPath[2] === '/cancel') {
        if (batch.object.processing_status === 'in_progress') {
          for (const r of batch.results) r.result = { type: 'canceled' };
          batch.object.cancel_initiated_at = new Date().toISOString();
          endBatch(batch);
        }
        return send(res, 200, batchObject(batch));
      }
      if (req.method === 'DELETE' && !batchPath[2]) {
        if (batch.object.processing_status !== 'ended') return sendError(res, 400, 'batch must be ended before it can be deleted');
        batches.delete(batch.object.id);
        return send(res, 200, { id: batch.object.id, type: 'message_batch_deleted' });
      }
    }
    return sendError(res, 404, `${req.method} ${path} not found`);
  };

  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body });
      handle(req, res, body).catch((error: unknown) => {
        if (!res.headersSent) sendError(res, 500, `fake crashed: ${(error as Error).message}`);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    stats,
    setFaults: (f) => {
      faults = f;
    },
    endBatches: () => batches.forEach(endBatch),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
