/** Shortcuts the admin page's browser tests share: signing in through the sign-in page, toasts, table rows. */
import type { Page } from 'playwright-core';
import type { TestServer } from './testServer';

/** Signs in with the server-rendered form, then opens `then` (the admin page unless told otherwise). */
export async function signInTo(page: Page, t: TestServer, email: string, password: string, then = '/admin'): Promise<void> {
  await page.goto(`${t.url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${t.url}${then}`);
}

/** Confirmations show as toasts. */
export const toast = (page: Page, text: string) => page.getByRole('status', { name: 'Notifications' }).getByText(text, { exact: false }).first().waitFor();

export const row = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });

export async function rowAction(page: Page, name: string, action: string): Promise<void> {
  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

/** The member names the table shows, once they are the expected ones (the list reloads after each change). */
export async function namesShown(page: Page, expected: string[], timeoutMs = 5000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let names: string[] = [];
  do {
    names = await page.getByRole('button', { name: /, open details$/ }).allInnerTexts();
    if (JSON.stringify(names) === JSON.stringify(expected)) break;
    await page.waitForTimeout(100);
  } while (Date.now() < deadline);
  return names;
}

/** Reads until the value is as expected or time is up, and returns the last reading (the list reloads after changes). */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}
