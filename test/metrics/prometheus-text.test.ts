import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { escapeLabelValue, renderExposition } from '../../src/metrics/prometheus-text.js';

describe('renderExposition', () => {
  it('writes HELP and TYPE once per family, escapes help text, and ends with a line feed', () => {
    const text = renderExposition([
      { name: 'x_total', help: 'a \\ b\nc', type: 'counter', samples: [{ value: 3 }] },
      { name: 'y', help: 'y', type: 'gauge', samples: [{ labels: { a: '1' }, value: 0.5 }, { labels: { a: '2' }, value: Infinity }] },
    ]);
    expect(text).toBe('# HELP x_total a \\\\ b\\nc\n# TYPE x_total counter\nx_total 3\n# HELP y y\n# TYPE y gauge\ny{a="1"} 0.5\ny{a="2"} +Inf\n');
    expect(parsePrometheusTextFormat(text).map((f) => [f.name, f.help, f.type])).toEqual([
      ['x_total', 'a \\ b\nc', 'COUNTER'],
      ['y', 'y', 'GAUGE'],
    ]);
  });

  it('escapes backslash, double quote and line feed in label values, and nothing else', () => {
    expect(escapeLabelValue('a\\b"c\nd\te')).toBe('a\\\\b\\"c\\nd\te');
  });

  it('refuses a metric or label name the format does not allow', () => {
    expect(() => renderExposition([{ name: 'bad-name', help: '', type: 'gauge', samples: [] }])).toThrow(/metric name/);
    expect(() => renderExposition([{ name: 'ok', help: '', type: 'gauge', samples: [{ labels: { 'a b': 'x' }, value: 1 }] }])).toThrow(/label name/);
  });
});
