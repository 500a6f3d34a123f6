import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { databasePathFromUrl, DEFAULT_MODEL, resolveConfig } from '../src/config.js';
import { parseDotenv } from '../src/dotenv.js';
import { ConfigError } from '../src/errors.js';

const base = { env: { HOME: '/home/u' }, cwd: '/work', flags: {} };

describe('resolveConfig', () => {
  it('defaults the database to $XDG_DATA_HOME/issuetrack/issuetrack.db', () => {
    const config = resolveConfig({ ...base, env: { HOME: '/home/u', XDG_DATA_HOME: '/data' } });
    expect(config.dbPath).toBe('/data/issuetrack/issuetrack.db');
    expect(config.dbSource).toBe('default');
  });

  it('falls back to ~/.local/share when XDG_DATA_HOME is relative', () => {
    const config = resolveConfig({ ...base, env: { HOME: '/home/u', XDG_DATA_HOME: 'rel/data' } });
    expect(config.dbPath).toBe('/home/u/.local/share/issuetrack/issuetrack.db');
  });

  it('prefers the flag over the environment over .env over the default', () => {
    const dotenv = 'ISSUETRACK_DB=/from/dotenv.db\nISSUETRACK_MODEL=model-dotenv\n';
    const all = resolveConfig({ flags: { db: '/from/flag.db', model: 'model-flag' }, env: { HOME: '/h', ISSUETRACK_DB: '/from/env.db', ISSUETRACK_MODEL: 'model-env' }, cwd: '/', dotenv });
    expect([all.dbPath, all.dbSource, all.anthropic.model, all.anthropic.modelSource]).toEqual(['/from/flag.db', 'flag', 'model-flag', 'flag']);
    const env = resolveConfig({ flags: {}, env: { HOME: '/h', ISSUETRACK_DB: '/from/env.db', ISSUETRACK_MODEL: 'model-env' }, cwd: '/', dotenv });
    expect([env.dbPath, env.dbSource, env.anthropic.model, env.anthropic.modelSource]).toEqual(['/from/env.db', 'env', 'model-env', 'env']);
    const file = resolveConfig({ flags: {}, env: { HOME: '/h' }, cwd: '/', dotenv });
    expect([file.dbPath, file.dbSource, file.anthropic.model, file.anthropic.modelSource]).toEqual(['/from/dotenv.db', '.env', 'model-dotenv', '.env']);
    const none = resolveConfig({ flags: {}, env: { HOME: '/h' }, cwd: '/' });
    expect([none.dbSource, none.anthropic.model, none.anthropic.modelSource]).toEqual(['default', DEFAULT_MODEL, 'default']);
  });

  it('takes ISSUETRACK_DB over DATABASE_URL', () => {
    const config = resolveConfig({ ...base, env: { HOME: '/h', ISSUETRACK_DB: '/a.db', DATABASE_URL: 'sqlite:///b.db' } });
    expect(config.dbPath).toBe('/a.db');
  });

  it('resolves a relative database path against the working directory', () => {
    expect(resolveConfig({ ...base, flags: { db: 'data/x.db' } }).dbPath).toBe('/work/data/x.db');
  });

  it('builds the Zendesk URL from a subdomain, or takes ZENDESK_URL as given', () => {
    expect(resolveConfig({ ...base, env: { ZENDESK_SUBDOMAIN: 'acme' } }).zendesk.baseUrl).toBe('https://acme.zendesk.com');
    const url = resolveConfig({ ...base, env: { ZENDESK_URL: 'http://127.0.0.1:4000/' } });
    expect(url.zendesk.baseUrl).toBe('http://127.0.0.1:4000');
  });

  it('rejects a subdomain given as a URL with a config error', () => {
    expect(() => resolveConfig({ ...base, env: { ZENDESK_SUBDOMAIN: 'https://acme.zendesk.com' } })).toThrow(ConfigError);
  });

  it('never shows a secret through String, JSON or inspect', () => {
    const config = resolveConfig({
      ...base,
      env: { ZENDESK_API_TOKEN: 'zd-token-123', ANTHROPIC_API_KEY: 'sk-ant-456', ZENDESK_CLIENT_SECRET: 'cs-789', ISSUETRACK_API_TOKEN: 'serve-000' },
    });
    const texts = [JSON.stringify(config), inspect(config, { depth: 10 }), `${config.anthropic.apiKey}`, String(config.zendesk.apiToken)];
    for (const text of texts) {
      for (const secret of ['zd-token-123', 'sk-ant-456', 'cs-789', 'serve-000']) expect(text).not.toContain(secret);
    }
    expect(config.anthropic.apiKey?.reveal()).toBe('sk-ant-456');
  });
});

describe('databasePathFromUrl', () => {
  it('accepts plain paths, file: and sqlite: URLs', () => {
    expect(databasePathFromUrl('/var/lib/it.db')).toBe('/var/lib/it.db');
    expect(databasePathFromUrl('file:///var/lib/it.db')).toBe('/var/lib/it.db');
    expect(databasePathFromUrl('file:rel.db')).toBe('rel.db');
    expect(databasePathFromUrl('sqlite:///var/lib/it.db')).toBe('/var/lib/it.db');
    expect(databasePathFromUrl('sqlite:rel.db')).toBe('rel.db');
  });

  it('rejects a server database URL with a config error', () => {
    expect(() => databasePathFromUrl('postgres://u@h/db')).toThrow(ConfigError);
  });
});

describe('parseDotenv', () => {
  it('reads quoted, exported and commented lines without expanding variables', () => {
    const parsed = parseDotenv('# comment\nexport A=1\nB="two words"\nC=\'$HOME\'\nD=plain # trailing\n\nbad line\n');
    expect(parsed).toEqual({ A: '1', B: 'two words', C: '$HOME', D: 'plain' });
  });
});
