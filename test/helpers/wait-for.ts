/**
 * Polls `probe` until it answers something truthy and resolves to that; throws naming `what`
 * after `timeoutMs`. For conditions another process brings about (a lease taken, a run
 * recorded): the deadline is only a backstop for a hang, generous for a loaded machine.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
