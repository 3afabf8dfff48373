/** Searching sealed subjects: each search opens a bounded number of messages, and an account searches a bounded number of times. */
import { SEARCH_SCAN_LIMIT } from '../../commands/messageReader';
import { limits } from '../../commands/attemptLimits';
import { castOrganization, sendAs, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Birch Dental');
});
afterAll(async () => {
  await t.stop();
});

const search = (token: string, q: string) => t.api('GET', `/api/v1/messages?box=sent&limit=100&q=${encodeURIComponent(q)}`, { token });

test('when the only match lies beyond the scan limit, then the search answers without opening it', async () => {
  const token = cast.pro.accessToken;
  await sendAs(t, token, { subject: 'Oldest needle', to: [{ email: cast.guest.email }] });
  await sendAs(t, token, { subject: 'Newer needle', to: [{ email: cast.guest.email }] });
  for (let i = 0; i < SEARCH_SCAN_LIMIT - 1; i += 1) await sendAs(t, token, { subject: `Hay ${i}`, to: [{ email: cast.guest.email }] });

  const res = await search(token, 'needle');
  expect(res.status).toBe(200);
  // the newest SEARCH_SCAN_LIMIT messages hold one needle; the older one is past the limit
  expect(res.body.messages.map((m: { subject: string }) => m.subject)).toEqual(['Newer needle']);
}, 120_000);

test('when an account searches more often than its budget, then it gets 429 with Retry-After, and listing and others are unaffected', async () => {
  const token = cast.guest.accessToken;
  for (let i = 0; i < limits.searchPerAccount.max; i += 1) expect((await search(token, `nothing ${i}`)).status).toBe(200);

  const refused = await search(token, 'one more');
  expect([refused.status, refused.body.code]).toEqual([429, 'rate_limited']);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  expect((await t.api('GET', '/api/v1/messages?box=sent', { token })).status).toBe(200);
  expect((await search(cast.userManager.accessToken, 'needle')).status).toBe(200);
});
