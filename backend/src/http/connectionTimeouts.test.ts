/** Connection limits of the real server (main.start): slow or stalled bodies lose their connection, upload chunks keep theirs. */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config';
import { start, type Running } from '../main';
import { linkIn, tokenOf } from '../testing/testServer';

let running: Running;
let port: number;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sealpost-timeouts-'));
  running = await start(
    loadConfig({
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      REQUEST_TIMEOUT_SECONDS: '5',
      HEADERS_TIMEOUT_SECONDS: '2',
      IDLE_TIMEOUT_SECONDS: '1',
      UPLOAD_IDLE_SECONDS: '3',
    }),
  );
  port = Number(new URL(running.url).port);
});
afterAll(async () => {
  running.server.closeAllConnections();
  await running.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw connection that records what the server answered and when it closed (ms after opening), or null if still open. */
function openConnection(head: string) {
  const opened = Date.now();
  const socket = net.connect(port, '127.0.0.1');
  let answer = '';
  let closedAfter: number | null = null;
  socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  socket.on('close', () => (closedAfter = Date.now() - opened));
  socket.write(head);
  return {
    socket,
    answer: () => answer,
    closedAfter: () => closedAfter,
    /** Sends `pieces` one every `gapMs`, stopping early if the server closed the connection. */
    async trickle(pieces: Buffer[], gapMs: number) {
      for (const piece of pieces) {
        if (closedAfter !== null) return;
        await sleep(gapMs);
        if (!socket.destroyed) socket.write(piece);
      }
    },
    async closedWithin(ms: number) {
      const deadline = Date.now() + ms;
      while (closedAfter === null && Date.now() < deadline) await sleep(50);
      socket.destroy();
      return closedAfter;
    },
  };
}

const loginHead = (length: number) =>
  `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n{"email":`;

async function signUp(): Promise<string> {
  const email = `owner-${Date.now()}@clinic.example`;
  const api = (p: string, body: unknown) =>
    fetch(`${running.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const started = await api('/api/v1/signup', { organizationName: 'Slow Link Clinic', name: 'Dana Reyes', email, password: 'correct horse battery staple' });
  expect(started.status).toBe(202);
  let mail;
  for (let i = 0; i < 100 && !mail; i += 1) {
    mail = (await running.deps.mailCatcher!.list()).find((m) => m.to.includes(email));
    if (!mail) await sleep(100);
  }
  const confirmed = await api('/api/v1/signup/confirm', { token: tokenOf(linkIn(mail!, '/signup/confirm')) });
  expect(confirmed.status).toBe(201);
  return ((await confirmed.json()) as { accessToken: string }).accessToken;
}

test('when an anonymous request body stops half-way, then its connection is closed after the idle time', async () => {
  const connection = openConnection(loginHead(1000));
  const closedAfter = await connection.closedWithin(6000);
  expect(closedAfter).not.toBeNull();
  expect(closedAfter!).toBeLessThan(4000);
});

test('when an anonymous request body trickles in, then the request deadline answers 408 and closes the connection', async () => {
  const connection = openConnection(loginHead(1000));
  // a byte every 400 ms never leaves the connection idle long enough for the idle limit
  void connection.trickle(Array.from({ length: 40 }, () => Buffer.from(' ')), 400);
  const closedAfter = await connection.closedWithin(12_000);
  expect(closedAfter).not.toBeNull();
  expect(closedAfter!).toBeGreaterThanOrEqual(4500);
  expect(connection.answer()).toMatch(/^HTTP\/1\.1 408 /);
  expect(connection.answer()).toContain('"code":"request_timeout"');
  expect((await fetch(`${running.url}/ready`)).status).toBe(200);
}, 15_000);

test('when an upload chunk arrives slower than the request deadline but within the upload idle time, then it is stored', async () => {
  const token = await signUp();
  const pieces = Array.from({ length: 5 }, (_, i) => Buffer.alloc(10, 65 + i));
  const size = pieces.length * 10;
  const created = await fetch(`${running.url}/api/v1/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'scan.bin', size }),
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };

  const connection = openConnection(
    `PATCH /api/v1/uploads/${id} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\nContent-Length: ${size}\r\n\r\n`,
  );
  // 5 gaps of 1.5 s: past the 5 s request deadline and each longer than the 1 s idle limit, within the 3 s upload idle
  await connection.trickle(pieces, 1500);
  for (let i = 0; i < 40 && !/\r\n\r\n/.test(connection.answer()); i += 1) await sleep(50);
  connection.socket.destroy();
  expect(connection.answer()).toMatch(/^HTTP\/1\.1 204 /);
  expect(connection.answer()).toMatch(new RegExp(`Upload-Offset: ${size}\\r\\n`, 'i'));
}, 30_000);
