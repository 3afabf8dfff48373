/** The fetch core as the pages use it: cookies and the CSRF header on changes only, problems into one error type. */
import { ApiError, createFetchCore, readAnswer } from './client';

const answer = (status: number, body: unknown) =>
  new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const cookieCore = (fetch: typeof globalThis.fetch) => createFetchCore({ auth: 'cookie', csrfToken: () => 'csrf-1', fetch });
const initOf = (fetch: jest.Mock) => (fetch.mock.calls[0] as [string, RequestInit])[1];

test('when a page changes something, then the CSRF token goes in X-CSRF-Token with same-origin cookies', async () => {
  const fetch = jest.fn(async () => answer(200, { ok: true }));
  await cookieCore(fetch).request('PATCH', '/api/v1/branding', { body: { accentColor: null } });
  expect(initOf(fetch)).toMatchObject({ credentials: 'same-origin', headers: { 'x-csrf-token': 'csrf-1', 'content-type': 'application/json' } });
});

test('when a page reads, then no CSRF token and no authorization header are sent', async () => {
  const fetch = jest.fn(async () => answer(200, { ok: true }));
  await cookieCore(fetch).request('GET', '/api/v1/me', { token: 'ignored' });
  expect(initOf(fetch).headers).toEqual({ accept: 'application/json' });
});

test('when the answer is 204, then the body is undefined', async () => {
  expect((await readAnswer(new Response(null, { status: 204 }))).body).toBeUndefined();
});

test.each([
  [404, '<html>Not here</html>', 'not_found', /went wrong on our side/],
  [502, '<html>Bad gateway</html>', 'server_error', /problem on its side/],
  [403, { code: 'forbidden', detail: 'Only admins can do that.' }, 'forbidden', /^Only admins can do that\.$/],
] as const)('when the answer is %s %j, then the error has code %s and a sentence for people', async (status, body, code, sentence) => {
  const error = (await cookieCore(async () => answer(status, body)).request('GET', '/x').catch((e: unknown) => e)) as ApiError;
  expect(error).toBeInstanceOf(ApiError);
  expect([error.status, error.code]).toEqual([status, code]);
  expect(error.message).toMatch(sentence);
});

test('when the network fails, then the error says Sealpost cannot be reached', async () => {
  const error = (await cookieCore(async () => Promise.reject(new TypeError('Failed to fetch'))).request('GET', '/x').catch((e: unknown) => e)) as ApiError;
  expect([error.unreachable, error.code, error.message]).toEqual([true, 'network_error', expect.stringMatching(/^Sealpost cannot be reached/)]);
});
