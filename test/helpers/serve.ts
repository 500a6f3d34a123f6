import type { ChildProcess } from 'node:child_process';

const LISTENING = /^issuetrack: serving (http:\/\/127\.0\.0\.1:(\d+)) \(docs at \/docs\)\n/;

/** Resolves with the base URL once a `serve` child prints its listening line (bounded). */
export function listeningUrl(child: ChildProcess, timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`no listening line within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
    child.stderr!.on('data', (chunk: Buffer | string) => {
      stderr += chunk.toString();
      const match = LISTENING.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', () => reject(new Error(`exited before listening; stderr: ${stderr}`)));
  });
}
