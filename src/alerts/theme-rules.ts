/**
 * When a theme deserves an alert (issue 13): once when it starts rising (per rising episode, the
 * episode being its rising_since); again only if its 24 h count has at least doubled since the last
 * alert of that episode and the cooldown has passed; optionally when it stops rising; and when a
 * theme first seen in the last 24 h reaches N tickets from at least two customers. Pure.
 */

export type ThemeAlertKind = 'theme_rising' | 'theme_escalated' | 'theme_recovered' | 'new_theme';

const DAY_MS = 86_400_000;

/** A live theme as this run leaves it. */
export interface ThemeNow {
  id: number;
  rising: boolean;
  risingSince: string | null;
  wasRising: boolean;
  wasRisingSince: string | null;
  count24h: number;
  firstSeen: string | null;
  customers24h: number;
}

/** An alert already in the outbox for a theme. */
export interface PastThemeAlert {
  kind: string;
  episode: string | null;
  count24h: number | null;
  createdAt: string;
}

export interface ThemeAlertRules {
  cooldownMs: number;
  onRecovery: boolean;
  newThemeTickets: number;
}

export interface ThemeAlertIntent {
  kind: ThemeAlertKind;
  themeId: number;
  /** The rising episode it belongs to (rising_since), null for a new-theme alert. */
  episode: string | null;
  /** The 24 h count the alert reports; the next escalation must double it. */
  count24h: number;
  /** At the last alert of the episode, for an escalation. */
  previousCount: number | null;
  idempotencyKey: string;
}

/** At most one intent per theme, in theme order. `past` maps theme id → its earlier alerts. */
export function planThemeAlerts(
  themes: readonly ThemeNow[],
  past: ReadonlyMap<number, readonly PastThemeAlert[]>,
  rules: ThemeAlertRules,
  nowMs: number,
): ThemeAlertIntent[] {
  const nowIso = new Date(nowMs).toISOString();
  const out: ThemeAlertIntent[] = [];
  for (const t of themes) {
    const history = past.get(t.id) ?? [];
    const intent = (kind: ThemeAlertKind, episode: string | null, key: string, previousCount: number | null = null) =>
      out.push({ kind, themeId: t.id, episode, count24h: t.count24h, previousCount, idempotencyKey: key });
    if (t.rising && t.risingSince) {
      const episode = t.risingSince;
      const inEpisode = history.filter((a) => a.episode === episode && (a.kind === 'theme_rising' || a.kind === 'theme_escalated'));
      const last = inEpisode.reduce<PastThemeAlert | undefined>((a, b) => (!a || b.createdAt > a.createdAt ? b : a), undefined);
      if (!last) {
        intent('theme_rising', episode, `theme_rising:${t.id}:${episode}`);
      } else {
        const lastCount = Math.max(1, last.count24h ?? 0);
        const cooled = nowMs - Date.parse(last.createdAt) >= rules.cooldownMs;
        if (cooled && t.count24h >= 2 * lastCount) intent('theme_escalated', episode, `theme_escalated:${t.id}:${episode}:${nowIso}`, last.count24h);
      }
      continue;
    }
    if (!t.rising && t.wasRising && t.wasRisingSince && rules.onRecovery) {
      const episode = t.wasRisingSince;
      const told = history.some((a) => a.episode === episode && a.kind === 'theme_rising');
      const closed = history.some((a) => a.episode === episode && a.kind === 'theme_recovered');
      if (told && !closed) intent('theme_recovered', episode, `theme_recovered:${t.id}:${episode}`);
      continue;
    }
    const firstSeenMs = t.firstSeen ? Date.parse(t.firstSeen) : NaN;
    const isNew = Number.isFinite(firstSeenMs) && nowMs - firstSeenMs <= DAY_MS;
    if (isNew && history.length === 0 && t.count24h >= rules.newThemeTickets && t.customers24h >= 2) {
      intent('new_theme', null, `new_theme:${t.id}`);
    }
  }
  return out;
}
