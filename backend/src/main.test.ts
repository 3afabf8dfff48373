/** The embedded start: zero configuration serves /ready, and a restart on the same data dir keeps the data. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from './config';
import { start, type Running } from './main';
import type { CaughtMail } from './mail/catcher';

async function waitForMail(running: Running, to: string): Promise<CaughtMail> {
  for (let i = 0; i < 100; i += 1) {
    const mail = (await running.deps.mailCatcher!.list()).find((m) => m.to.includes(to));
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail for ${to}`);
}

test('when started twice on one data dir, then /ready is ok and what was written the first time is still there', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sealpost-main-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
  const post = (running: Running, url: string, body: unknown) =>
    fetch(`${running.url}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  const first = await start(config);
  expect(await (await fetch(`${first.url}/ready`)).json()).toEqual({ status: 'ok' });
  const email = 'keeper@clinic.example';
  await post(first, '/api/v1/signup', { organizationName: 'Kept Practice', name: 'Kim', email, password: 'still here tomorrow' });
  // The worker sends on its own (no drain here): this is the real polling loop.
  const token = /token=([A-Za-z0-9_-]+)/.exec((await waitForMail(first, email)).text)![1];
  expect((await post(first, '/api/v1/signup/confirm', { token })).status).toBe(201);
  await first.stop();

  const second = await start(config);
  expect((await fetch(`${second.url}/ready`)).status).toBe(200);
  const login = await post(second, '/api/v1/auth/login', { email, password: 'still here tomorrow' });
  expect(login.status).toBe(200);
  const me = await fetch(`${second.url}/api/v1/me`, { headers: { authorization: `Bearer ${(await login.json()).accessToken}` } });
  expect((await me.json()).organization.name).toBe('Kept Practice');
  // Mail caught before the restart is still in the dev mailbox.
  expect(await (await fetch(`${second.url}/dev/mailbox`)).text()).toContain('Kept Practice');
  await second.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
