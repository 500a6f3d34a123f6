import { spawn } from 'node:child_process';
import { oneLine } from './plain-text.js';
import type { SendResult } from './send-result.js';

/** sysexits.h codes a mail transfer agent uses for "try again later". */
const TRANSIENT_EXITS = new Set([69, 71, 74, 75]);

/**
 * Pipes `message` to `<path> -t -i` (recipients from the headers; a lone "." is not the end).
 * Exit 0 sent; EX_TEMPFAIL and its kin, a kill or a timeout retry; a missing program and any other
 * exit are permanent. Never throws, except the run's abort reason.
 */
export function sendmail(path: string, message: string, timeoutMs: number, signal: AbortSignal): Promise<SendResult> {
  signal.throwIfAborted();
  return new Promise((resolve, reject) => {
    const child = spawn(path, ['-t', '-i'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const onAbort = () => child.kill('SIGKILL');
    signal.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 400) stderr += d;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      done();
      if (signal.aborted) return reject(signal.reason);
      const permanent = error.code === 'ENOENT' || error.code === 'EACCES';
      resolve({ ok: false, permanent, error: `sendmail ${path}: ${error.code ?? error.message}` });
    });
    child.on('close', (code, killedBy) => {
      done();
      if (signal.aborted) return reject(signal.reason);
      if (code === 0) return resolve({ ok: true });
      const said = oneLine(stderr, 200);
      const why = timedOut ? `no exit within ${timeoutMs} ms` : killedBy ? `killed by ${killedBy}` : `exit ${code}`;
      resolve({ ok: false, permanent: !timedOut && !killedBy && !TRANSIENT_EXITS.has(code ?? -1), error: `sendmail ${path}: ${why}${said ? ` ${said}` : ''}` });
    });
    child.stdin.on('error', () => {}); // EPIPE when it exits early: the exit code tells
    child.stdin.end(message);
  });
}
