import { describe, expect, it } from 'vitest';
import { colourAllowed, spinnerAllowed } from '../../src/output/terminal.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';

describe('what a terminal gets', () => {
  it('keeps the spinner with NO_COLOR and drops only the colour', () => {
    const term = fakeTerminal({ tty: true, env: { NO_COLOR: '1' } });
    expect(spinnerAllowed(term)).toBe(true);
    expect(colourAllowed(term)).toBe(false);
  });

  it('colours when NO_COLOR is empty, as no-color.org says', () => {
    expect(colourAllowed(fakeTerminal({ tty: true, env: { NO_COLOR: '' } }))).toBe(true);
    expect(colourAllowed(fakeTerminal({ tty: true, env: {} }))).toBe(true);
  });

  it('has no spinner in CI, on a dumb terminal or off a TTY', () => {
    expect(spinnerAllowed(fakeTerminal({ tty: true, env: { CI: '1' } }))).toBe(false);
    expect(spinnerAllowed(fakeTerminal({ tty: true, env: { TERM: 'dumb' } }))).toBe(false);
    expect(spinnerAllowed(fakeTerminal({ tty: false, env: {} }))).toBe(false);
  });
});
