import { describe, expect, it } from 'vitest';
import { planThemeAlerts, type PastThemeAlert, type ThemeNow } from '../../src/alerts/theme-rules.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const HOUR = 3_600_000;
const EPISODE = '2026-11-28T06:00:00.000Z';
const rules = { cooldownMs: 24 * HOUR, onRecovery: false, newThemeTickets: 5 };

function theme(overrides: Partial<ThemeNow> = {}): ThemeNow {
  return {
    id: 7, rising: true, risingSince: EPISODE, wasRising: true, wasRisingSince: EPISODE,
    count24h: 10, firstSeen: '2026-10-01T00:00:00.000Z', customers24h: 6, ...overrides,
  };
}

const alerted = (kind: string, count: number, at: string, episode = EPISODE): PastThemeAlert => ({ kind, episode, count24h: count, createdAt: at });

describe('theme alert rules', () => {
  it('alerts once when a theme starts rising, keyed by its rising episode', () => {
    const [intent] = planThemeAlerts([theme({ wasRising: false, wasRisingSince: null })], new Map(), rules, NOW);
    expect(intent).toMatchObject({ kind: 'theme_rising', themeId: 7, episode: EPISODE, idempotencyKey: `theme_rising:7:${EPISODE}` });
    const again = planThemeAlerts([theme()], new Map([[7, [alerted('theme_rising', 10, '2026-11-28T06:00:00.000Z')]]]), rules, NOW);
    expect(again).toEqual([]);
  });

  it('alerts a new episode of the same theme again', () => {
    const old = alerted('theme_rising', 10, '2026-11-01T06:00:00.000Z', '2026-11-01T06:00:00.000Z');
    expect(planThemeAlerts([theme()], new Map([[7, [old]]]), rules, NOW).map((i) => i.kind)).toEqual(['theme_rising']);
  });

  it('escalates only when the 24 h count doubled and the cooldown has passed', () => {
    const past = new Map([[7, [alerted('theme_rising', 10, new Date(NOW - 25 * HOUR).toISOString())]]]);
    expect(planThemeAlerts([theme({ count24h: 19 })], past, rules, NOW)).toEqual([]);
    const [up] = planThemeAlerts([theme({ count24h: 20 })], past, rules, NOW);
    expect(up).toMatchObject({ kind: 'theme_escalated', previousCount: 10, count24h: 20 });
    const recent = new Map([[7, [alerted('theme_rising', 10, new Date(NOW - 23 * HOUR).toISOString())]]]);
    expect(planThemeAlerts([theme({ count24h: 40 })], recent, rules, NOW)).toEqual([]);
  });

  it('compares an escalation with the last alert of the episode, not the first', () => {
    const past = new Map([[7, [alerted('theme_rising', 10, new Date(NOW - 50 * HOUR).toISOString()), alerted('theme_escalated', 20, new Date(NOW - 25 * HOUR).toISOString())]]]);
    expect(planThemeAlerts([theme({ count24h: 30 })], past, rules, NOW)).toEqual([]);
    expect(planThemeAlerts([theme({ count24h: 40 })], past, rules, NOW).map((i) => i.kind)).toEqual(['theme_escalated']);
  });

  it('says a theme stopped rising only when asked to and only after telling it rose', () => {
    const stopped = theme({ rising: false, risingSince: null });
    const past = new Map([[7, [alerted('theme_rising', 10, '2026-11-28T06:00:00.000Z')]]]);
    expect(planThemeAlerts([stopped], past, rules, NOW)).toEqual([]);
    expect(planThemeAlerts([stopped], past, { ...rules, onRecovery: true }, NOW).map((i) => i.kind)).toEqual(['theme_recovered']);
    expect(planThemeAlerts([stopped], new Map(), { ...rules, onRecovery: true }, NOW)).toEqual([]);
  });

  it('alerts a new theme with N tickets from two customers in 24 h, once', () => {
    const fresh = theme({ rising: false, risingSince: null, wasRising: false, wasRisingSince: null, firstSeen: new Date(NOW - 5 * HOUR).toISOString(), count24h: 5, customers24h: 2 });
    expect(planThemeAlerts([fresh], new Map(), rules, NOW).map((i) => i.idempotencyKey)).toEqual(['new_theme:7']);
    expect(planThemeAlerts([{ ...fresh, customers24h: 1 }], new Map(), rules, NOW)).toEqual([]);
    expect(planThemeAlerts([{ ...fresh, count24h: 4 }], new Map(), rules, NOW)).toEqual([]);
    expect(planThemeAlerts([{ ...fresh, firstSeen: new Date(NOW - 25 * HOUR).toISOString() }], new Map(), rules, NOW)).toEqual([]);
    expect(planThemeAlerts([fresh], new Map([[7, [alerted('new_theme', 5, new Date(NOW - HOUR).toISOString(), '')]]]), rules, NOW)).toEqual([]);
  });
});
