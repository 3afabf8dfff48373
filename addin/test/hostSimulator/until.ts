/** Waits for what the simulated Outlook shows (an alert, a sent item): the probe's first truthy answer, or fails naming it. */
export async function until<T>(what: string, probe: () => T | null | undefined, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
