/** The add-in's HTTP layer: bearer and JSON on the way out, problems, network failures and time limits on the way back. */
import { ApiError, createHttp } from './http';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

test('when a request is made, then it goes to the absolute URL with the bearer token, JSON body and no cookies', async () => {
  const fetch = jest.fn(async () => answer(200, { ok: true }));
  const http = createHttp({ baseUrl: 'https://sealpost.example.com/', fetch });
  const res = await http.request('POST', '/api/v1/x', { token: 'tok', body: { a: 1 }, headers: { 'idempotency-key': 'k12345678' } });
  expect(res.body).toEqual({ ok: true });
  expect(fetch).toHaveBeenCalledWith('https://sealpost.example.com/api/v1/x', expect.objectContaining({
    method: 'POST', credentials: 'omit', body: '{"a":1}',
    headers: { accept: 'application/json', authorization: 'Bearer tok', 'content-type': 'application/json', 'idempotency-key': 'k12345678' },
  }));
});

test('when the backend answers a problem, then ApiError carries its status, code, sentence and recipients', async () => {
  const http = createHttp({ baseUrl: 'https://s.example', fetch: async () => answer(409, { code: 'unconfirmed_recipients', detail: 'Confirm them.', recipients: ['a@x.example'] }) });
  await expect(http.request('POST', '/m')).rejects.toMatchObject({ status: 409, code: 'unconfirmed_recipients', message: 'Confirm them.', recipients: ['a@x.example'] });
});

test('when a proxy answers 502 with HTML, then the error is a generic sentence, not the page', async () => {
  const http = createHttp({ baseUrl: 'https://s.example', fetch: async () => new Response('<html>Bad gateway</html>', { status: 502 }) });
  await expect(http.request('GET', '/m')).rejects.toMatchObject({ status: 502, code: 'server_error', message: expect.stringMatching(/problem on its side/) });
});

test('when the network fails, then the error says Sealpost could not be reached and is "unreachable"', async () => {
  const http = createHttp({ baseUrl: 'https://s.example', fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
  const error = (await http.request('GET', '/m').catch((e: unknown) => e)) as ApiError;
  expect(error).toBeInstanceOf(ApiError);
  expect([error.unreachable, error.code]).toEqual([true, 'network_error']);
});

test('when no answer comes in time, then the request fails with "timeout"', async () => {
  const http = createHttp({ baseUrl: 'https://s.example', timeoutMs: 10, fetch: () => new Promise<Response>(() => undefined) });
  await expect(http.request('GET', '/m')).rejects.toMatchObject({ status: 0, code: 'timeout' });
});

test('when bytes are sent, then they go as they are, with the caller\'s content type', async () => {
  const fetch = jest.fn(async () => answer(204, undefined, { 'upload-offset': '3' }));
  const http = createHttp({ baseUrl: 'https://s.example', fetch });
  const res = await http.request('PATCH', '/api/v1/uploads/1', { bytes: new Uint8Array([1, 2, 3]), headers: { 'content-type': 'application/offset+octet-stream' } });
  expect(res.header('upload-offset')).toBe('3');
  expect((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].body).toEqual(new Uint8Array([1, 2, 3]));
});
