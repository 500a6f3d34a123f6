import type { Terminal } from './output/terminal.js';

/** What every command action needs from the process: the terminal and the SIGINT/SIGTERM signal. */
export interface ProcessContext {
  term: Terminal;
  signal: AbortSignal;
}
