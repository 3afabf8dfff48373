/** Resumable uploads under stress: cut-off requests, wrong offsets, concurrent writers, too many bytes, bad headers. */
import net from 'node:net';
import { castOrganization, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { SEGMENT, createUpload, cutOffPatch, download, offsetAfter, patchChunk, randomData } from './testSupport';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t);
});
afterAll(async () => {
  await t.stop();
});

const token = () => cast.pro.accessToken;
const headOffset = async (fileId: string) =>
  (await t.api('HEAD', `/api/v1/uploads/${fileId}`, { token: token() })).headers.get('upload-offset');

async function newUpload(size: number): Promise<string> {
  const res = await createUpload(t, token(), { name: 'upload.bin', size });
  expect(res.status).toBe(201);
  return res.body.id;
}

test('when a PATCH is cut off mid-body, then its whole segments are kept and the upload resumes from there', async () => {
  const data = randomData(6 * SEGMENT + 100);
  const fileId = await newUpload(data.length);
  await cutOffPatch(t, token(), fileId, 0, data.length, data.subarray(0, 3 * SEGMENT + 500));
  // Only whole segments are kept — at most the three that arrived complete — and the client resumes from there.
  const offset = await offsetAfter(t, token(), fileId, 0);
  expect(offset % SEGMENT).toBe(0);
  expect(offset).toBeLessThanOrEqual(3 * SEGMENT);
  const rest = await patchChunk(t, token(), fileId, offset, data.subarray(offset));
  expect([rest.status, rest.headers.get('upload-offset')]).toEqual([204, String(data.length)]);
  expect((await download(t, token(), fileId)).body.equals(data)).toBe(true);
});

test('when a second PATCH is cut off after a first, then the upload still resumes and completes', async () => {
  const data = randomData(4 * SEGMENT);
  const fileId = await newUpload(data.length);
  await cutOffPatch(t, token(), fileId, 0, data.length, data.subarray(0, SEGMENT + 1));
  const first = await offsetAfter(t, token(), fileId, 0);
  expect(first % SEGMENT).toBe(0);
  expect(first).toBeLessThanOrEqual(SEGMENT);
  await cutOffPatch(t, token(), fileId, first, data.length - first, data.subarray(first, 3 * SEGMENT + 9));
  const second = await offsetAfter(t, token(), fileId, first);
  expect(second % SEGMENT).toBe(0);
  expect(second).toBeLessThanOrEqual(3 * SEGMENT);
  await patchChunk(t, token(), fileId, second, data.subarray(second));
  expect((await download(t, token(), fileId)).body.equals(data)).toBe(true);
});

test('when a PATCH starts at another offset than the stored one, then it is 409 offset_mismatch with the offset', async () => {
  const data = randomData(3 * SEGMENT);
  const fileId = await newUpload(data.length);
  await patchChunk(t, token(), fileId, 0, data.subarray(0, SEGMENT));
  for (const wrong of [0, 2 * SEGMENT, SEGMENT + 1]) {
    const res = await patchChunk(t, token(), fileId, wrong, data.subarray(wrong, wrong + SEGMENT));
    expect([res.status, res.body.code, res.headers.get('upload-offset')]).toEqual([409, 'offset_mismatch', String(SEGMENT)]);
    expect(res.body.offset).toBe(SEGMENT);
  }
  await patchChunk(t, token(), fileId, SEGMENT, data.subarray(SEGMENT));
  expect((await download(t, token(), fileId)).body.equals(data)).toBe(true);
});

test('when another PATCH is still writing, then a second one is 409 upload_busy and changes nothing', async () => {
  const data = randomData(2 * SEGMENT);
  const fileId = await newUpload(data.length);
  const { port } = new URL(t.url);
  // two requests that never finish their bodies: whichever the server takes second must be turned away
  const answers: string[] = [];
  const sockets = [0, 1].map(() => {
    const socket = net.connect(Number(port), '127.0.0.1');
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => answers.push(chunk.toString()));
    socket.write(
      `PATCH /api/v1/uploads/${fileId} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token()}\r\n` +
        `Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\nContent-Length: ${data.length}\r\n\r\n`,
    );
    socket.write(data.subarray(0, 1000));
    return socket;
  });
  while (answers.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(answers.join('')).toMatch(/^HTTP\/1\.1 409 [\s\S]*"code":"upload_busy"/);
  for (const socket of sockets) socket.destroy();
  expect(await headOffset(fileId)).toBe('0');
  let whole = await patchChunk(t, token(), fileId, 0, data);
  // the request that held the upload lets go once the server has noticed its connection is gone
  while (whole.body?.code === 'upload_busy') whole = await patchChunk(t, token(), fileId, 0, data);
  expect([whole.status, whole.headers.get('upload-offset')]).toEqual([204, String(data.length)]);
});

test('when a chunk would go past the declared size, then it is 413 upload_exceeds_size and nothing is stored', async () => {
  const fileId = await newUpload(SEGMENT + 10);
  const declared = await patchChunk(t, token(), fileId, 0, randomData(SEGMENT + 11));
  expect([declared.status, declared.body.code]).toEqual([413, 'upload_exceeds_size']);
  // without Content-Length the excess is only seen while streaming
  const body = new ReadableStream({
    start(controller) {
      controller.enqueue(randomData(SEGMENT));
      controller.enqueue(randomData(SEGMENT));
      controller.close();
    },
  });
  const streamed = await fetch(`${t.url}/api/v1/uploads/${fileId}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
    body,
    duplex: 'half',
  } as RequestInit);
  expect([streamed.status, (await streamed.json()).code]).toEqual([413, 'upload_exceeds_size']);
  expect(await headOffset(fileId)).toBe('0');
});

describe('bad headers', () => {
  let fileId: string;
  beforeAll(async () => {
    fileId = await newUpload(2 * SEGMENT);
  });

  test.each([
    ['no Upload-Offset', { 'upload-offset': '' }, 400, 'invalid_upload_offset'],
    ['a negative Upload-Offset', { 'upload-offset': '-1' }, 400, 'invalid_upload_offset'],
    ['an Upload-Offset in exponent form', { 'upload-offset': '1e3' }, 400, 'invalid_upload_offset'],
    ['an Upload-Offset beyond safe integers', { 'upload-offset': '9999999999999999' }, 400, 'invalid_upload_offset'],
    ['a JSON content type', { 'content-type': 'application/json' }, 415, 'unsupported_media_type'],
    ['a plain octet-stream', { 'content-type': 'application/octet-stream' }, 415, 'unsupported_media_type'],
    ['another tus version', { 'tus-resumable': '0.2.2' }, 412, 'unsupported_tus_version'],
  ])('when a PATCH has %s, then it is %s %s and the offset stays', async (_what, headers, status, code) => {
    const res = await patchChunk(t, token(), fileId, 0, randomData(SEGMENT), headers);
    expect([res.status, res.body.code]).toEqual([status, code]);
    expect(await headOffset(fileId)).toBe('0');
  });

  test('when a PATCH has no Content-Type, then it is 415', async () => {
    const res = await fetch(`${t.url}/api/v1/uploads/${fileId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token()}`, 'upload-offset': '0' },
      body: new Uint8Array(10),
    });
    expect(res.status).toBe(415);
  });

  test('when the upload id is not a uuid, unknown or the caller is not signed in, then it is 400, 404 or 401', async () => {
    expect((await patchChunk(t, token(), 'not-a-uuid', 0, randomData(5))).body.code).toBe('invalid_request');
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await patchChunk(t, token(), unknown, 0, randomData(5))).status).toBe(404);
    expect((await t.api('HEAD', `/api/v1/uploads/${unknown}`, { token: token() })).status).toBe(404);
    expect((await patchChunk(t, '', fileId, 0, randomData(5), { authorization: '' })).status).toBe(401);
  });
});

describe('creating with bad input', () => {
  test.each([
    ['a negative size', { name: 'a', size: -1 }],
    ['a fractional size', { name: 'a', size: 1.5 }],
    ['a size as text', { name: 'a', size: '10' }],
    ['an empty name', { name: '  ', size: 1 }],
    ['a name with a line break', { name: 'a\r\nSet-Cookie: x', size: 1 }],
    ['a name of 256 characters', { name: 'n'.repeat(256), size: 1 }],
    ['a content type with parameters', { name: 'a', size: 1, contentType: 'text/html; charset=utf-8' }],
    ['a content type with a line break', { name: 'a', size: 1, contentType: 'text/html\r\nX: y' }],
    ['an unknown field', { name: 'a', size: 1, blobKey: '../../etc' }],
  ])('when the upload has %s, then it is 400 invalid_request', async (_what, body) => {
    const res = await createUpload(t, token(), body);
    expect([res.status, res.body.code]).toEqual([400, 'invalid_request']);
  });

  test('when the size is over the default 5 GB limit, then it is 413 file_too_large with a sentence', async () => {
    const res = await createUpload(t, token(), { name: 'huge.iso', size: 6_200_000_000 });
    expect([res.status, res.body.code]).toEqual([413, 'file_too_large']);
    expect(res.body.detail).toBe('This file is 6.2 GB, but your organization accepts files of up to 5 GB. Share a smaller file, or ask your administrator about the limit.');
  });
});
