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

describe('where a call may go', () => {
  const bearerCore = (fetch: typeof globalThis.fetch) => createFetchCore({ auth: 'bearer', baseUrl: 'https://sealpost.example.com', fetch });

  test.each([
    'https://attacker.example/api/v1/me',
    'http://sealpost.example.com/api/v1/me',
    'HTTPS://attacker.example/x',
    '//attacker.example/api/v1/me',
    'https://sealpost.example.com.attacker.example/x',
    'https://sealpost.example.com@attacker.example/x',
  ])('when a bearer client is asked to call %s, then it refuses and sends nothing', async (path) => {
    const fetch = jest.fn(async () => answer(200, { ok: true }));
    const error = (await bearerCore(fetch).request('GET', path, { token: 'secret-token' }).catch((e: unknown) => e)) as ApiError;
    expect([error.status, error.code]).toEqual([0, 'foreign_origin']);
    expect(fetch).not.toHaveBeenCalled();
  });

  test.each(['//attacker.example/api/v1/branding', '/\\attacker.example/api/v1/branding', 'https://attacker.example/api/v1/branding'])(
    'when a page is asked to change something at %s, then the CSRF token is not sent there',
    async (path) => {
      const fetch = jest.fn(async () => answer(200, { ok: true }));
      const error = (await cookieCore(fetch).request('PATCH', path, { body: {} }).catch((e: unknown) => e)) as ApiError;
      expect(error.code).toBe('foreign_origin');
      expect(fetch).not.toHaveBeenCalled();
    },
  );

  test('when a path or an absolute address is on the API origin, then it is called with the token', async () => {
    const fetch = jest.fn(async () => answer(200, { ok: true }));
    const core = bearerCore(fetch);
    await core.request('GET', '/api/v1/me', { token: 't' });
    await core.request('PATCH', 'https://sealpost.example.com/api/v1/uploads/1', { token: 't' });
    expect(fetch.mock.calls.map((call) => (call as unknown as [string])[0])).toEqual([
      'https://sealpost.example.com/api/v1/me',
      'https://sealpost.example.com/api/v1/uploads/1',
    ]);
    expect(initOf(fetch).headers).toMatchObject({ authorization: 'Bearer t' });
  });
});
