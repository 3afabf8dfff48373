/**
 * Streaming routes under abuse, over a bare socket: oversized bodies chunked or declared, bodies cut off or slow,
 * garbage, wrong offsets, chunks after completion, hostile Range headers. Whatever arrives, the answer is a 4xx or
 * the connection closes, the upload is where it was, and the server goes on answering.
 */
import { castOrganization, type Cast } from '../../testing/members';
import { rawRequest, type RawRequest } from '../../testing/rawHttp';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { SEGMENT, createUpload, download, offsetAfter, randomData, uploadBytes } from './testSupport';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  // one guest opens far more uploads here than one person may leave unsent (storageQuota.test.ts tests that limit)
  t = await startTestServer({ env: { MAX_OPEN_UPLOADS: '1000' } });
  cast = await castOrganization(t);
});
afterAll(async () => {
  await t.stop();
});

const guest = () => cast.guest.accessToken;

async function newUpload(size: number): Promise<string> {
  const res = await createUpload(t, guest(), { name: 'upload.bin', size });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

function patch(fileId: string, offset: number | string, request: Omit<RawRequest, 'method' | 'path'>) {
  return rawRequest(t.url, {
    method: 'PATCH',
    path: `/api/v1/uploads/${fileId}`,
    ...request,
    headers: {
      authorization: `Bearer ${guest()}`,
      'content-type': 'application/offset+octet-stream',
      'upload-offset': String(offset),
      'tus-resumable': '1.0.0',
      ...request.headers,
    },
  });
}

async function uploadState(fileId: string): Promise<{ received: number; status: string }> {
  const res = await t.api('GET', `/api/v1/files/${fileId}`, { token: guest() });
  return { received: res.body.received, status: res.body.status };
}

async function expectServing(): Promise<void> {
  const health = await t.api('GET', '/health');
  expect(health.status).toBe(200);
}

describe('upload chunks', () => {
  test('when a chunked PATCH carries 120 bytes into a 100-byte upload, then it is 413 and the server keeps serving', async () => {
    const fileId = await newUpload(100);
    const res = await patch(fileId, 0, { chunked: true, pieces: [randomData(120)] });
    expect([res.status, res.code]).toEqual([413, 'upload_exceeds_size']);
    expect(await uploadState(fileId)).toEqual({ received: 0, status: 'uploading' });
    await expectServing();
  });

  test.each([
    ['in one chunk', [randomData(SEGMENT + 20)]],
    ['in many small chunks', Array.from({ length: 40 }, () => randomData(1700))],
    ['past a whole first segment', [randomData(SEGMENT), randomData(SEGMENT)]],
  ])('when a chunked body overruns a one-segment-and-a-bit upload %s, then it is 413 and nothing is stored', async (_how, pieces) => {
    const fileId = await newUpload(SEGMENT + 10);
    const res = await patch(fileId, 0, { chunked: true, pieces });
    expect([res.status, res.code]).toEqual([413, 'upload_exceeds_size']);
    expect(await uploadState(fileId)).toEqual({ received: 0, status: 'uploading' });
    await expectServing();
  });

  test('when a declared Content-Length goes past the size, then it is 413 before the body is read', async () => {
    const fileId = await newUpload(100);
    const res = await patch(fileId, 0, { headers: { 'content-length': '120' }, pieces: [randomData(120)] });
    expect([res.status, res.code]).toEqual([413, 'upload_exceeds_size']);
    expect(await uploadState(fileId)).toEqual({ received: 0, status: 'uploading' });
    await expectServing();
  });

  test('when a body sends more bytes than its Content-Length, then the extra is not taken as part of the upload', async () => {
    const fileId = await newUpload(100);
    const res = await patch(fileId, 0, { headers: { 'content-length': '50' }, pieces: [randomData(120)] });
    // 50 bytes of a 100-byte file make no whole segment; the rest is a malformed next request (Node's parser may
    // answer it 400 before the chunk's own answer goes out), never upload bytes
    expect([204, 400]).toContain(res.status);
    expect(await uploadState(fileId)).toEqual({ received: 0, status: 'uploading' });
    await expectServing();
  });

  test.each([
    ['declared', (bytes: Buffer) => ({ headers: { 'content-length': String(4 * SEGMENT) }, pieces: [bytes], finish: 'abort' as const })],
    ['chunked', (bytes: Buffer) => ({ chunked: true, pieces: [bytes], finish: 'abort' as const })],
  ])('when a %s body is cut off mid-segment, then only whole segments count and the upload resumes', async (_how, request) => {
    const data = randomData(4 * SEGMENT);
    const fileId = await newUpload(data.length);
    await patch(fileId, 0, request(data.subarray(0, SEGMENT + 300)));
    let state = await uploadState(fileId);
    for (let i = 0; i < 50 && state.received === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      state = await uploadState(fileId);
    }
    expect([0, SEGMENT]).toContain(state.received);
    await expectServing();
    // finish the cut-off upload from where the server says it stands
    const resumed = await patch(fileId, state.received, { headers: { 'content-length': String(data.length - state.received) }, pieces: [data.subarray(state.received)] });
    expect(resumed.status).toBe(204);
    expect((await download(t, guest(), fileId)).body.equals(data)).toBe(true);
  });

  test('when the chunk framing is garbage, then it is refused and the upload is unchanged', async () => {
    const fileId = await newUpload(SEGMENT * 2);
    const garbage = await rawRequest(t.url, {
      method: 'PATCH',
      path: `/api/v1/uploads/${fileId}`,
      headers: {
        authorization: `Bearer ${guest()}`,
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '0',
        'transfer-encoding': 'chunked',
      },
      pieces: [Buffer.from('zz\r\nnot hex at all\r\n0\r\n\r\n')],
    });
    // Node's parser refuses bad framing with 400 before or while the route reads; either way nothing is stored
    expect([0, 400]).toContain(garbage.status);
    expect(await uploadState(fileId)).toEqual({ received: 0, status: 'uploading' });
    await expectServing();
  });

  test.each([
    ['both Content-Length and chunked', { 'content-length': '5', 'transfer-encoding': 'chunked' }],
    ['a negative Content-Length', { 'content-length': '-1' }],
    ['a Content-Length that is not a number', { 'content-length': 'abc' }],
    ['chunked named twice', { 'transfer-encoding': 'chunked, chunked' }],
  ])('when a PATCH has %s, then it is 400 and the upload is unchanged', async (_what, headers) => {
    const fileId = await newUpload(SEGMENT * 2);
    const res = await patch(fileId, 0, { headers, pieces: [Buffer.from('5\r\nhello\r\n0\r\n\r\n')] });
    expect(res.status).toBe(400);
    expect(await uploadState(fileId)).toEqual({ received: 0, status: 'uploading' });
    await expectServing();
  });

  test('when a slow body trickles in, then it is stored whole and other requests are served meanwhile', async () => {
    const data = randomData(SEGMENT + 50);
    const fileId = await newUpload(data.length);
    const pieces = [data.subarray(0, 20_000), data.subarray(20_000, 40_000), data.subarray(40_000)];
    const slow = patch(fileId, 0, { chunked: true, pieces, pauseMs: 150 });
    await expectServing();
    const res = await slow;
    expect([res.status, res.headers['upload-offset']]).toEqual([204, String(data.length)]);
    expect((await download(t, guest(), fileId)).body.equals(data)).toBe(true);
  });

  test.each([
    ['an offset past the stored one', 'ahead', 409, 'offset_mismatch'],
    ['a negative offset', '-5', 400, 'invalid_upload_offset'],
    ['an offset with a sign', '+0', 400, 'invalid_upload_offset'],
    ['an offset with a space inside', '0 0', 400, 'invalid_upload_offset'],
    ['a hexadecimal offset', '0x0', 400, 'invalid_upload_offset'],
  ])('when a chunked PATCH has %s (%s), then it is %s %s and nothing changes', async (_what, offset, status, code) => {
    const fileId = await newUpload(SEGMENT * 2);
    const res = await patch(fileId, offset === 'ahead' ? SEGMENT : offset, { chunked: true, pieces: [randomData(SEGMENT)] });
    expect([res.status, res.code]).toEqual([status, code]);
    expect(await uploadState(fileId)).toEqual({ received: 0, status: 'uploading' });
    await expectServing();
  });

  test('when bytes come after the upload completed, then they are refused and the file stays as it was', async () => {
    const data = randomData(300);
    const fileId = await uploadBytes(t, guest(), data);
    for (const request of [
      { offset: 300, chunked: true, pieces: [randomData(10)] },
      { offset: 0, chunked: true, pieces: [randomData(300)] },
      { offset: 300, chunked: false, pieces: [randomData(10)] },
    ]) {
      const res = await patch(fileId, request.offset, request.chunked ? { chunked: true, pieces: request.pieces } : { headers: { 'content-length': '10' }, pieces: request.pieces });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect(await uploadState(fileId)).toEqual({ received: 300, status: 'complete' });
    expect((await download(t, guest(), fileId)).body.equals(data)).toBe(true);
    await expectServing();
  });

  test('when many oversized chunked PATCHes arrive at once, then each is refused and the server keeps serving', async () => {
    const fileIds = await Promise.all(Array.from({ length: 8 }, () => newUpload(100)));
    const answers = await Promise.all(fileIds.map((id) => patch(id, 0, { chunked: true, pieces: [randomData(60), randomData(60)] })));
    expect(answers.map((a) => a.status)).toEqual(fileIds.map(() => 413));
    await expectServing();
  });
});

describe('downloads', () => {
  let fileId: string;
  const data = randomData(3 * SEGMENT + 17);
  beforeAll(async () => {
    fileId = await uploadBytes(t, guest(), data);
  });

  const get = (headers: Record<string, string>, finish: RawRequest['finish'] = 'end') =>
    rawRequest(t.url, { method: 'GET', path: `/api/v1/files/${fileId}/content`, headers: { authorization: `Bearer ${guest()}`, ...headers }, finish });

  test.each([
    ['bytes=0-0,1-1,2-2', 200],
    ['bytes=-0', 416],
    [`bytes=${data.length}-`, 416],
    ['bytes=99999999999999999999-', 416],
    ['bytes=0-99999999999999999999', 206],
    ['bytes=-99999999999999999999', 206],
    ['bytes=5-1', 200],
    ['bytes=--1', 200],
    ['bytes= 1-2', 200],
    ['items=0-10', 200],
    ['bytes=1e3-2e3', 200],
    ['bytes=(5,000 zeros)-1', 206],
    ['bytes=\u00ff-1', 200],
  ])('when the Range header is %s, then the answer is %s and the server keeps serving', async (range, status) => {
    const res = await get({ range: range.replace('(5,000 zeros)', '0'.repeat(5000)) });
    expect(res.status).toBe(status);
    if (status === 206) {
      const [, start, end] = /^bytes (\d+)-(\d+)\//.exec(res.headers['content-range'] ?? '')!;
      expect(Buffer.from(res.body, 'utf8').length).toBeGreaterThanOrEqual(0);
      expect(Number(end)).toBeLessThan(data.length);
      expect(Number(start)).toBeLessThanOrEqual(Number(end));
    }
    await expectServing();
  });

  test('when a download is dropped right after it starts, then the server keeps serving and the file is intact', async () => {
    await Promise.all(Array.from({ length: 5 }, () => get({}, 'abort')));
    await expectServing();
    expect((await download(t, guest(), fileId)).body.equals(data)).toBe(true);
  });

  test('when a GET carries a body, then it is ignored and the download is whole', async () => {
    const res = await rawRequest(t.url, {
      method: 'GET',
      path: `/api/v1/files/${fileId}/content`,
      headers: { authorization: `Bearer ${guest()}` },
      chunked: true,
      pieces: [randomData(1000)],
    });
    expect(res.status).toBe(200);
    await expectServing();
  });
});

describe('a stalled body', () => {
  let slowServer: TestServer;
  let slowCast: Cast;
  beforeAll(async () => {
    slowServer = await startTestServer({ env: { UPLOAD_IDLE_SECONDS: '1' } });
    slowCast = await castOrganization(slowServer);
  });
  afterAll(async () => {
    await slowServer.stop();
  });

  test('when a PATCH stops sending mid-body, then it is cut off after the idle time, keeps whole segments and frees the upload', async () => {
    const token = slowCast.guest.accessToken;
    const data = randomData(3 * SEGMENT);
    const created = await createUpload(slowServer, token, { name: 'stalled.bin', size: data.length });
    const fileId = created.body.id as string;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' };
    // the client sends a segment and a bit, then nothing, and never closes: only the server can end this
    const stalled = await rawRequest(slowServer.url, {
      method: 'PATCH',
      path: `/api/v1/uploads/${fileId}`,
      headers: { ...headers, 'content-length': String(data.length) },
      pieces: [data.subarray(0, SEGMENT + 10)],
      finish: 'hold',
    });
    expect([0, 204]).toContain(stalled.status);
    expect(await offsetAfter(slowServer, token, fileId, 0)).toBe(SEGMENT);
    const rest = await rawRequest(slowServer.url, {
      method: 'PATCH',
      path: `/api/v1/uploads/${fileId}`,
      headers: { ...headers, 'upload-offset': String(SEGMENT), 'content-length': String(2 * SEGMENT) },
      pieces: [data.subarray(SEGMENT)],
    });
    expect([rest.status, rest.headers['upload-offset']]).toEqual([204, String(data.length)]);
  }, 15_000);
});

describe('logo upload', () => {
  const admin = () => cast.admin.accessToken;
  const put = (request: Omit<RawRequest, 'method' | 'path'>) =>
    rawRequest(t.url, { method: 'PUT', path: '/api/v1/branding/logo', ...request, headers: { authorization: `Bearer ${admin()}`, 'content-type': 'image/png', ...request.headers } });
  const logoUrl = async () => (await t.api('GET', '/api/v1/branding', { token: admin() })).body.logoUrl;

  test.each([
    ['chunked', { chunked: true, pieces: Array.from({ length: 20 }, () => randomData(32 * 1024)) }],
    ['declared', { headers: { 'content-length': String(640 * 1024) }, pieces: [randomData(640 * 1024)] }],
  ])('when an oversized logo is sent %s, then it is refused with 413 and the logo is unchanged', async (_how, request) => {
    const before = await logoUrl();
    const res = await put(request);
    expect([res.status, res.code]).toEqual([413, 'logo_too_large']);
    expect(await logoUrl()).toBe(before);
    await expectServing();
  });

  test.each([
    ['cut off', { chunked: true, pieces: [randomData(1000)], finish: 'abort' as const }],
    ['garbage', { chunked: true, pieces: [randomData(1000)] }],
    ['declared small but followed by more', { headers: { 'content-length': '100' }, pieces: [randomData(640 * 1024)] }],
  ])('when a logo body is %s, then nothing changes and the server keeps serving', async (_how, request) => {
    const before = await logoUrl();
    const res = await put(request);
    expect(res.status === 0 || (res.status >= 400 && res.status < 500)).toBe(true);
    expect(await logoUrl()).toBe(before);
    await expectServing();
  });
});
