/**
 * Browser tests: Debian's Chromium driven by playwright-core (browser downloads do not work here). A suite
 * declared with `describeBrowser` builds the web pages if they are stale, opens one browser for the suite and a
 * fresh context (cookies, storage) per page; without Chromium it is skipped with a notice saying why.
 * Helpers save screenshots to .test-artifacts/screenshots/ and run axe-core on the page as it stands.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../../..');
export const CHROMIUM_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
const SCREENSHOT_DIR = path.join(ROOT, '.test-artifacts/screenshots');

/** Flags from TESTING.md. Playwright adds --headless and a fresh --user-data-dir of its own on each launch. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why browser tests cannot run here, or null when they can. */
export function browserUnavailableReason(): string | null {
  try {
    fs.accessSync(CHROMIUM_PATH, fs.constants.X_OK);
    return null;
  } catch {
    return `no Chromium at ${CHROMIUM_PATH} (install Debian's chromium package, or set CHROME_PATH to a Chromium binary)`;
  }
}

/** Builds dist/web when its sources changed since the last build (a hash check otherwise, well under a second). */
export async function ensureWebBuild(): Promise<void> {
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'backend/web/build.mjs')], { cwd: ROOT, timeout: 180_000 });
}

/** What went wrong inside a page: uncaught errors, console errors and CSP refusals. */
const problemsOf = new WeakMap<Page, string[]>();
export const pageProblems = (page: Page): string[] => problemsOf.get(page) ?? [];

export interface BrowserSuite {
  /** A page in a new browser context: no cookies from other tests. */
  newPage(): Promise<Page>;
}

export interface BrowserSuiteOptions {
  /** How long one step (a click, a wait for text) may take, so a step that never happens fails at its own line rather than at the test's timeout. Playwright's default otherwise. */
  stepTimeoutMs?: number;
}

export function describeBrowser(name: string, body: (suite: BrowserSuite) => void, options: BrowserSuiteOptions = {}): void {
  const unavailable = browserUnavailableReason();
  if (unavailable) {
    describe.skip(`${name} [browser tests skipped: ${unavailable}]`, () => body({ newPage: () => Promise.reject(new Error(unavailable)) }));
    test(`when Chromium is missing, then the browser tests of "${name}" are skipped`, () => {
      console.warn(`Browser tests skipped: ${unavailable}.`);
    });
    return;
  }

  describe(name, () => {
    let browser: Browser | undefined;
    beforeAll(async () => {
      await ensureWebBuild();
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS, timeout: 30_000 });
    }, 180_000);
    afterAll(async () => {
      await browser?.close();
    });

    body({
      async newPage() {
        if (!browser) throw new Error('the browser did not start');
        const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-US', acceptDownloads: true });
        const page = await context.newPage();
        if (options.stepTimeoutMs) page.setDefaultTimeout(options.stepTimeoutMs);
        const problems: string[] = [];
        problemsOf.set(page, problems);
        page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
        page.on('console', (msg) => {
          // Chromium logs every 4xx answer as "Failed to load resource"; those are answers the pages handle.
          if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(`console: ${msg.text()}`);
        });
        page.on('close', () => void context.close().catch(() => undefined));
        return page;
      },
    });
  });
}

/** Saves a full-page screenshot as .test-artifacts/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^A-Za-z0-9_-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

let axeSource: string | undefined;

/**
 * Runs axe-core on the page (or one frame of it, such as the add-in's task pane) as it is now and throws on serious
 * or critical violations (WCAG 2.1 A/AA and best practice). The script goes in through DevTools, which the page's
 * CSP does not govern, so no CSP is loosened.
 */
export async function expectAccessible(page: Page | Frame, state: string): Promise<AxeViolation[]> {
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe.run(
      document,
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } },
    );
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (blocking.length > 0) {
    const lines = blocking.map((v) => `- ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => JSON.stringify(n.target)).join('\n    ')}`);
    throw new Error(`accessibility problems on ${state}:\n${lines.join('\n')}`);
  }
  return violations;
}
