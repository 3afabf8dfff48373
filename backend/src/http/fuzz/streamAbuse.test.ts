/**
 * Stream abuse on every streaming route (a raw body, or an answer the handler streams), found in the route list so a
 * new one is covered: bodies aborted halfway, oversized (declared and chunked), chunked, slow (bounded) and garbage;
 * answers abandoned halfway or read slowly. The server never errs with a 5xx, keeps serving, and the route still
 * works afterwards. Each route is called as a persona its authorization-matrix row lets in, on a fresh subject.
 */
import { accountRows } from '../../policies/matrix/accountRows';
import { adminRows } from '../../policies/matrix/adminRows';
import type { Call, Rows } from '../../policies/matrix/matrix';
import { messagingRows } from '../../policies/matrix/messagingRows';
import { apiRoutes } from '../../routes';
import { PERSONAS, type Persona } from '../../testing/personas';
import { startFuzzWorld, type FuzzWorld } from './fuzzWorld';
import { chunkedFrame, exchange, LAST_CHUNK, type WirePlan } from './streamClient';

const streamingRoutes = apiRoutes.filter((r) => r.rawBody || r.response.contentType).map((r) => ({ key: `${r.method.toUpperCase()} ${r.path}`, method: r.method.toUpperCase(), takesBody: Boolean(r.rawBody) }));

let world: FuzzWorld;
const rows: Rows = {};

beforeAll(async () => {
  world = await startFuzzWorld('Stream Clinic');
  const ctx = { t: world.t, personas: world.personas, cast: world.personas.cast };
  Object.assign(rows, accountRows(ctx), adminRows(ctx), messagingRows(ctx));
}, 120_000);
afterAll(async () => {
  await world.stop();
});

/** A fresh subject and a persona that may call the route, from its matrix row. */
async function rightfulCall(key: string): Promise<{ call: Call; token: string | undefined; persona: Persona }> {
  const row = rows[key];
  const persona = PERSONAS.find((p) => row?.expect[p] === 'ok');
  if (!row || !persona) throw new Error(`${key} streams, but its matrix row lets nobody in: give it a row with an ok cell`);
  const call = await row.call(persona);
  return { call, persona, token: call.token ?? world.personas.tokens[persona] };
}

function headersOf(call: Call, token: string | undefined, extra: Record<string, string> = {}): Record<string, string> {
  return { ...call.raw?.headers, ...(token ? { Authorization: `Bearer ${token}` } : {}), ...extra };
}

/** The server still answers, nothing escaped its error handling, and the route works on a fresh subject. */
async function expectUnharmed(key: string, method: string, linesBefore: number): Promise<void> {
  // a stream that fails after the answer fails later: give it a moment, so an uncaught error fails this case
  await new Promise((resolve) => setTimeout(resolve, 100));
  const health = await world.t.api('GET', '/health');
  const unhandled = world.log.lines.slice(linesBefore).filter((line) => line.includes('"level":50'));
  const { call, token } = await rightfulCall(key);
  const again = await exchangeCall(method, call, token);
  expect({ health: health.status, unhandled, again: again.status >= 200 && again.status < 300 }).toEqual({
    health: 200,
    unhandled: [],
    again: true,
  });
}

function exchangeCall(method: string, call: Call, token: string | undefined, plan: Partial<WirePlan> = {}) {
  const bytes = call.raw?.bytes;
  return exchange(world.t.url, {
    method,
    path: call.path,
    headers: headersOf(call, token, bytes ? { 'Content-Length': String(bytes.length) } : {}),
    pieces: bytes ? [bytes] : [],
    ...plan,
  });
}

const MEGABYTE = Buffer.alloc(1024 * 1024, 0x41);

describe.each(streamingRoutes.filter((r) => r.takesBody))('$key (streamed body)', ({ key, method }) => {
  const cases: [string, (call: Call, token: string | undefined) => WirePlan, 'answered' | 'hung up'][] = [
    ['aborted halfway', (call, token) => ({ method, path: call.path, headers: headersOf(call, token, { 'Content-Length': String(call.raw!.bytes.length * 100) }), pieces: [call.raw!.bytes], hangUp: true }), 'hung up'],
    ['oversized, with Content-Length', (call, token) => ({ method, path: call.path, headers: headersOf(call, token, { 'Content-Length': String(8 * MEGABYTE.length) }), pieces: Array(8).fill(MEGABYTE) }), 'answered'],
    ['oversized, chunked', (call, token) => ({ method, path: call.path, headers: headersOf(call, token, { 'Transfer-Encoding': 'chunked' }), pieces: [...Array(8).fill(chunkedFrame(MEGABYTE)), LAST_CHUNK] }), 'answered'],
    ['chunked in small pieces', (call, token) => ({ method, path: call.path, headers: headersOf(call, token, { 'Transfer-Encoding': 'chunked' }), pieces: [...split(call.raw!.bytes, 3).map(chunkedFrame), LAST_CHUNK] }), 'answered'],
    ['slow (bounded: ten pieces 100 ms apart)', (call, token) => ({ method, path: call.path, headers: headersOf(call, token, { 'Content-Length': String(call.raw!.bytes.length) }), pieces: split(call.raw!.bytes, 10), pauseMs: 100 }), 'answered'],
    ['with broken chunked framing', (call, token) => ({ method, path: call.path, headers: headersOf(call, token, { 'Transfer-Encoding': 'chunked' }), pieces: [Buffer.from('zz\r\nnot a chunk\r\n'), LAST_CHUNK] }), 'answered'],
    ['garbage bytes of the declared type', (call, token) => ({ method, path: call.path, headers: headersOf(call, token, { 'Content-Length': '4096' }), pieces: [Buffer.alloc(4096, 0xa5)] }), 'answered'],
    ['garbage under another media type', (call, token) => ({ method, path: call.path, headers: headersOf(call, token, { 'Content-Length': '9', 'Content-Type': 'application/json' }), pieces: [Buffer.from('{"a":[1,2')] }), 'answered'],
  ];

  test.each(cases)('when the body is %s, then nothing fails on our side (no 5xx, no error logged), the server keeps serving and the route still works', async (_name, plan, outcome) => {
    const linesBefore = world.log.lines.length;
    const { call, token } = await rightfulCall(key);
    const answer = await exchange(world.t.url, plan(call, token));
    if (outcome === 'answered') expect({ answered: answer.status > 0, serverError: answer.status >= 500 }).toEqual({ answered: true, serverError: false });
    await expectUnharmed(key, method, linesBefore);
  });
});

describe.each(streamingRoutes.filter((r) => !r.takesBody))('$key (streamed answer)', ({ key, method }) => {
  const cases: [string, Partial<WirePlan>][] = [
    ['the client hangs up before reading', { hangUp: true }],
    ['the client reads nothing for a second', { stallReadMs: 1_000 }],
    ['the request carries a chunked garbage body', {}],
  ];

  test.each(cases)('when %s, then nothing fails on our side (no 5xx, no error logged), the server keeps serving and the route still works', async (name, plan) => {
    const linesBefore = world.log.lines.length;
    const { call, token } = await rightfulCall(key);
    const garbage = name.includes('garbage');
    const answer = await exchange(world.t.url, {
      method,
      path: call.path,
      headers: headersOf(call, token, garbage ? { 'Transfer-Encoding': 'chunked' } : {}),
      pieces: garbage ? [chunkedFrame(Buffer.from([0, 0xff, 0xfe, 0x7b])), Buffer.from('zz\r\n')] : [],
      ...plan,
    });
    expect(answer.status < 500).toBe(true);
    await expectUnharmed(key, method, linesBefore);
  });
});

test('when the route list is read, then it has streaming routes both ways, so this sweep is not empty', () => {
  expect(streamingRoutes.filter((r) => r.takesBody).length).toBeGreaterThan(0);
  expect(streamingRoutes.filter((r) => !r.takesBody).length).toBeGreaterThan(0);
});

function split(bytes: Buffer, parts: number): Buffer[] {
  const size = Math.max(1, Math.ceil(bytes.length / parts));
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  return pieces;
}
