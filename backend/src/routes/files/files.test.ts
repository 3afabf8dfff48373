/** Uploading in chunks and downloading over HTTP: sizes, chunking, metadata, headers and byte ranges. */
import { castOrganization, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { SEGMENT, createUpload, download, patchChunk, randomData, uploadBytes } from './testSupport';

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

describe('round trip', () => {
  test.each([
    ['1 byte', 1, undefined],
    ['one segment less a byte', SEGMENT - 1, undefined],
    ['exactly one segment', SEGMENT, undefined],
    ['one segment and a byte', SEGMENT + 1, undefined],
    ['several segments in chunks that are not segment multiples', 5 * SEGMENT + 12_345, 100_000],
    ['several segments in chunks of exactly one segment', 3 * SEGMENT, SEGMENT],
    ['a file sent in chunks one byte past a segment', 4 * SEGMENT + 7, SEGMENT + 1],
  ])('when %s is uploaded, then the download returns exactly those bytes', async (_what, size, chunkSize) => {
    const data = randomData(size);
    const fileId = await uploadBytes(t, token(), data, { chunkSize, name: 'scan.bin' });
    const res = await download(t, token(), fileId);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(size));
    expect(res.body.equals(data)).toBe(true);
  });

  test('when an empty file is declared, then it is complete at once and downloads as 0 bytes', async () => {
    const created = await createUpload(t, token(), { name: 'empty.txt', size: 0, contentType: 'text/plain' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'complete', received: 0, size: 0 });
    const again = await patchChunk(t, token(), created.body.id, 0, Buffer.alloc(0));
    expect([again.status, again.headers.get('upload-offset')]).toEqual([204, '0']);
    const res = await download(t, token(), created.body.id);
    expect([res.status, res.body.length, res.headers.get('content-type')]).toEqual([200, 0, 'text/plain']);
  });

  test('when a chunk ends inside a segment, then only whole segments are kept and the offset says where to resume', async () => {
    const data = randomData(3 * SEGMENT);
    const created = await createUpload(t, token(), { name: 'a.bin', size: data.length });
    const first = await patchChunk(t, token(), created.body.id, 0, data.subarray(0, SEGMENT + 500));
    expect([first.status, first.headers.get('upload-offset')]).toEqual([204, String(SEGMENT)]);
    const small = await patchChunk(t, token(), created.body.id, SEGMENT, data.subarray(SEGMENT, SEGMENT + 10));
    expect([small.status, small.headers.get('upload-offset')]).toEqual([204, String(SEGMENT)]);
    const rest = await patchChunk(t, token(), created.body.id, SEGMENT, data.subarray(SEGMENT));
    expect([rest.status, rest.headers.get('upload-offset')]).toEqual([204, String(3 * SEGMENT)]);
    expect((await download(t, token(), created.body.id)).body.equals(data)).toBe(true);
  });
});

describe('create, HEAD and details', () => {
  test('when an upload is created, then it answers 201 with the id, Location, offset 0 and the tus version', async () => {
    const res = await createUpload(t, token(), { name: 'x-ray.png', size: 1000, contentType: 'image/PNG' });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v1/uploads/${res.body.id}`);
    expect(res.headers.get('upload-offset')).toBe('0');
    expect(res.headers.get('tus-resumable')).toBe('1.0.0');
    expect(res.body).toEqual({
      id: res.body.id,
      name: 'x-ray.png',
      size: 1000,
      contentType: 'image/png',
      status: 'uploading',
      received: 0,
      uploadUrl: `/api/v1/uploads/${res.body.id}`,
      chunkMultiple: SEGMENT,
    });
  });

  test('when the offset is asked with HEAD, then it comes with the length and is not cacheable', async () => {
    const data = randomData(2 * SEGMENT + 1);
    const created = await createUpload(t, token(), { name: 'h.bin', size: data.length });
    await patchChunk(t, token(), created.body.id, 0, data.subarray(0, SEGMENT));
    const head = await t.api('HEAD', `/api/v1/uploads/${created.body.id}`, { token: token() });
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe(String(SEGMENT));
    expect(head.headers.get('upload-length')).toBe(String(data.length));
    expect(head.headers.get('cache-control')).toBe('no-store');
    const details = await t.api('GET', `/api/v1/files/${created.body.id}`, { token: token() });
    expect(details.body).toEqual({ id: created.body.id, name: 'h.bin', size: data.length, contentType: 'application/octet-stream', status: 'uploading', received: SEGMENT });
    expect((await download(t, token(), created.body.id)).status).toBe(409);
  });

  test('when a file is downloaded, then the name is an RFC 5987 attachment and the type is not sniffed', async () => {
    const name = 'Befund "Müller"; 100% 😀.pdf';
    const fileId = await uploadBytes(t, token(), randomData(10), { name, contentType: 'text/html' });
    const res = await download(t, token(), fileId);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toBe(`attachment; filename="Befund _M_ller_; 100_ _.pdf"; filename*=UTF-8''${encodeURIComponent(name).replace(/'/g, '%27')}`);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(name);
    expect((await t.api('GET', `/api/v1/files/${fileId}`, { token: token() })).body.name).toBe(name);
  });
});

describe('byte ranges', () => {
  const size = 3 * SEGMENT + 1000;
  let data: Buffer;
  let fileId: string;
  beforeAll(async () => {
    data = randomData(size);
    fileId = await uploadBytes(t, token(), data, { chunkSize: 2 * SEGMENT });
  });

  test.each([
    ['the first bytes', 'bytes=0-99', 0, 99],
    ['a middle stretch across segment boundaries', `bytes=${SEGMENT - 10}-${2 * SEGMENT + 10}`, SEGMENT - 10, 2 * SEGMENT + 10],
    ['the last 100 bytes (suffix)', 'bytes=-100', size - 100, size - 1],
    ['an open end', `bytes=${size - 5}-`, size - 5, size - 1],
    ['an end past the file', `bytes=${size - 3}-${size + 1000}`, size - 3, size - 1],
    ['a suffix longer than the file', `bytes=-${size + 5}`, 0, size - 1],
  ])('when %s is asked for, then 206 brings exactly those bytes', async (_what, range, start, end) => {
    const res = await download(t, token(), fileId, { range });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
    expect(res.headers.get('content-length')).toBe(String(end - start + 1));
    expect(res.body.equals(data.subarray(start, end + 1))).toBe(true);
  });

  test('when a range starts past the end, then it is 416 with the size', async () => {
    for (const range of [`bytes=${size}-`, `bytes=${size + 10}-${size + 20}`, 'bytes=-0']) {
      const res = await download(t, token(), fileId, { range });
      expect(res.status).toBe(416);
      expect(res.headers.get('content-range')).toBe(`bytes */${size}`);
      expect(JSON.parse(res.body.toString()).code).toBe('range_not_satisfiable');
    }
  });

  test('when the range is several ranges, malformed or a stale If-Range, then the whole file is sent', async () => {
    const ignored: Record<string, string>[] = [{ range: 'bytes=0-1,5-6' }, { range: 'items=0-5' }, { range: 'bytes=9-3' }, { range: 'bytes=0-5', 'if-range': '"other"' }];
    for (const headers of ignored) {
      const res = await download(t, token(), fileId, headers);
      expect(res.status).toBe(200);
      expect(res.body.equals(data)).toBe(true);
    }
    const matching = await download(t, token(), fileId, { range: 'bytes=0-5', 'if-range': `"${fileId}"` });
    expect(matching.status).toBe(206);
  });

  test('when every download happens, then each is an audit event with its range', async () => {
    const events = await t.store.audit.list(cast.organizationId, { limit: 200 });
    const downloads = events.filter((e) => e.action === 'file.downloaded' && e.targetId === fileId);
    expect(downloads.length).toBeGreaterThanOrEqual(6);
    expect(downloads.map((e) => e.data.range)).toContain(`${size - 100}-${size - 1}`);
  });
});

test('when the API is described, then the chunk route names its raw body and the download its binary answer', async () => {
  const paths = (await t.api('GET', '/api/openapi.json')).body.paths;
  const patch = paths['/api/v1/uploads/{fileId}'].patch;
  expect(patch.requestBody.content['application/offset+octet-stream'].schema).toEqual({ type: 'string', format: 'binary' });
  expect(Object.keys(paths['/api/v1/uploads/{fileId}'])).toEqual(expect.arrayContaining(['head', 'patch']));
  const content = paths['/api/v1/files/{fileId}/content'].get;
  expect(content.responses['200'].content['application/octet-stream'].schema.format).toBe('binary');
  expect(content.responses['200'].headers['Content-Disposition']).toBeDefined();
});
