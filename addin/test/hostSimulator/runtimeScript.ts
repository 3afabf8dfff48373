/**
 * Loading the event script the way classic Outlook does, with its refusals: the script must be one ES2016
 * classic script (no import/export, no newer syntax), and the well-known allow-list on its origin must name it.
 * Answers the code the simulator's Web Worker runs: the Office.js shim, then the script by importScripts.
 */
import { parse } from 'acorn';

/** `served` is what the browser will get for scriptUrl when the test replaces the built script. */
export async function eventRuntimeCode(scriptUrl: string, shim: string, sim: Record<string, unknown>, served?: string): Promise<string> {
  const script = served ?? (await (await fetch(scriptUrl)).text());
  try {
    parse(script, { ecmaVersion: 2016, sourceType: 'script' });
  } catch (error) {
    throw new Error(`${scriptUrl} is not an ES2016 classic script (imports or newer syntax): ${(error as Error).message}`);
  }
  const wellKnown = `${new URL(scriptUrl).origin}/.well-known/microsoft-officeaddins-allowed.json`;
  const allowed = (await (await fetch(wellKnown)).json()) as { allowed?: unknown };
  if (!Array.isArray(allowed.allowed) || !allowed.allowed.includes(scriptUrl)) {
    throw new Error(`${wellKnown} does not allow ${scriptUrl}: ${JSON.stringify(allowed)}`);
  }
  return `self.__SIM=${JSON.stringify({ ...sim, context: 'events' })};\n${shim}\nimportScripts(${JSON.stringify(scriptUrl)});`;
}
