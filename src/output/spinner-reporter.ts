import { progressLine, type Reporter } from './reporter.js';
import { clampTerminalSize } from './terminal-size.js';
import { terminalSafe } from './terminal-text.js';

/** An ora spinner on stderr, for a person at a terminal. ora loads only here (it costs ~120 ms). */
export async function spinnerReporter(): Promise<Reporter> {
  const { default: ora } = await import('ora');
  // ora divides by the reported width; a 0×0 pty (`script -qc … /dev/null`) made it loop forever.
  clampTerminalSize(process.stderr);
  // discardStdin: false, or ora puts stdin in raw mode and Ctrl-C waits for synchronous work.
  const spinner = ora({ stream: process.stderr, discardStdin: false });
  let started = false;
  const show = (text: string) => {
    spinner.text = terminalSafe(text);
    if (!started) {
      spinner.start();
      started = true;
    }
  };
  return {
    progress: (update) => show(progressLine(update)),
    info: (message) => show(message),
    warn: (message) => {
      spinner.warn(terminalSafe(message));
      started = false;
    },
    stop() {
      if (started) spinner.stop();
      started = false;
    },
  };
}
