/** Resending is bounded per invitation and per sender, in the database: refused resends send nothing and change nothing. */
import { RESEND_LIMITS } from '../../commands/invitationManager';
import { castOrganization, uniqueEmail, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Lakeside Counsel');
});
afterAll(async () => {
  await t.stop();
});

const invite = async (token: string) => {
  const email = uniqueEmail('resend');
  const res = await t.api('POST', '/api/v1/invitations', { token, body: { email } });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, email };
};
const resend = (token: string, id: string) => t.api('POST', `/api/v1/invitations/${id}/resend`, { token });
const sendCount = async (id: string) =>
  (await t.api('GET', '/api/v1/invitations', { token: cast.admin.accessToken })).body.invitations.find((i: { id: string }) => i.id === id).sendCount;

test('when an invitation is resent 25 times in a row, then only the allowed few send mail and the rest say when to try again', async () => {
  const { id, email } = await invite(cast.pro.accessToken);
  const statuses: number[] = [];
  let refused: Awaited<ReturnType<typeof resend>> | undefined;
  for (let i = 0; i < 25; i += 1) {
    const res = await resend(cast.pro.accessToken, id);
    statuses.push(res.status);
    if (res.status !== 204) refused ??= res;
  }
  expect(statuses.filter((s) => s === 204)).toHaveLength(RESEND_LIMITS.perInvitation.max);
  expect(refused!.status).toBe(429);
  expect(refused!.body.code).toBe('resend_limited');
  expect(refused!.body.detail).toMatch(/You can send it again in \d+ minutes\./);
  expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(await t.mailTo(email)).toHaveLength(1 + RESEND_LIMITS.perInvitation.max);
  expect(await sendCount(id)).toBe(1 + RESEND_LIMITS.perInvitation.max);
  // another sender (a user manager) is held to the same per-invitation limit
  expect((await resend(cast.userManager.accessToken, id)).body.code).toBe('resend_limited');
});

test('when one sender resends many different invitations, then the per-sender limit stops them', async () => {
  const invitations = [];
  for (let i = 0; i < 4; i += 1) invitations.push(await invite(cast.admin.accessToken));
  // spend the sender's budget but for one resend, as many earlier resends would have
  await t.store.db.query("INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, now(), $2)", [`${RESEND_LIMITS.perSender.name}:${cast.admin.accountId}`, RESEND_LIMITS.perSender.max - 1]);
  expect((await resend(cast.admin.accessToken, invitations[0]!.id)).status).toBe(204);
  const refused = await resend(cast.admin.accessToken, invitations[1]!.id);
  expect([refused.status, refused.body.code]).toEqual([429, 'resend_limited']);
  expect(refused.body.detail).toMatch(/^You have resent many invitations lately/);
  expect(await sendCount(invitations[1]!.id)).toBe(1);
  // the refusal did not spend the invitation's own budget
  const [row] = await t.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM rate_limits WHERE key = $1', [`${RESEND_LIMITS.perInvitation.name}:${invitations[1]!.id}`]);
  expect(row!.n).toBe(0);
});
