/**
 * Page cursors are decoded after the boundary's checks, so each list checks what its cursor carries: a time
 * PostgreSQL cannot hold or text it cannot store is a 400 invalid cursor, never a 500, on every list with a cursor.
 */
import { castOrganization, sendAs, type Cast } from '../testing/members';
import { startTestServer, type TestServer } from '../testing/testServer';

let t: TestServer;
let org: Cast;
beforeAll(async () => {
  t = await startTestServer();
  org = await castOrganization(t, 'Cursor Clinic');
  await sendAs(t, org.pro.accessToken, { to: [{ email: org.guest.email }], subject: 'Results' });
}, 120_000);
afterAll(async () => {
  await t.stop();
});

const encode = (text: string) => Buffer.from(text).toString('base64url');
const ID = '00000000-0000-4000-8000-000000000000';

const timeLists = (): [string, string, string][] => [
  ['the inbox', `/api/v1/messages?before=`, org.guest.accessToken],
  ['the client list', `/api/v1/clients?after=`, org.pro.accessToken],
  ["a client's messages", `/api/v1/clients/${org.guest.accountId}/messages?before=`, org.pro.accessToken],
];

describe.each(['0000-01-01T00:00:00Z', '0000-01-01T00:00:00.000Z', '-000001-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '+100000-01-01T00:00:00Z', '1969-12-31T23:59:59.999Z', '2026-02-30T00:00:00.000Z'])(
  'when a time cursor holds %s',
  (time) => {
    test('then every list with a time cursor answers 400 and no 500', async () => {
      for (const [, path, token] of timeLists()) {
        const res = await t.api('GET', `${path}${encode(`${time}|${ID}`)}`, { token });
        expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 400, code: 'invalid_request' });
      }
    });
  },
);

test('when a time cursor comes back as the list gave it, then the next page is served', async () => {
  for (const [, path, token] of timeLists()) {
    const res = await t.api('GET', `${path}${encode(`2026-11-23T07:50:00.123Z|${ID}`)}`, { token });
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
  }
});

test.each([
  ['a NUL', '\u0000'],
  ['a NUL inside a name', 'a\u0000b'],
  ['a lone surrogate', '\ud800'],
])('when a member-list cursor carries %s, then the list answers 400 invalid cursor', async (_what, key) => {
  const cursor = encode(JSON.stringify({ s: 'name', d: 'asc', k: key, a: ID }));
  const res = await t.api('GET', `/api/v1/members?cursor=${cursor}`, { token: org.admin.accessToken });
  expect(res.status).toBe(400);
  expect(res.body.code).toBe('invalid_cursor');
});
