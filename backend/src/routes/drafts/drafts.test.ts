/**
 * Drafts over HTTP: saved as typed (created, then replaced), sealed at rest, the writer's own, deleted once sent,
 * bounded in number, and kept when the writer is removed from the organization they wrote in.
 */
import { randomUUID } from 'node:crypto';
import { signUpOrganization } from '../../testing/accounts';
import { castOrganization, inviteAndRegister, invitationToken, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Riverside Clinic');
});
afterAll(async () => {
  await t.stop();
});

const save = (token: string, id: string, body: Record<string, unknown>) => t.api('PUT', `/api/v1/drafts/${id}`, { token, body });
const list = async (token: string) => (await t.api('GET', '/api/v1/drafts', { token })).body.drafts as { id: string; subject: string; html: string; organizationName: string; writtenHere: boolean; to: { email: string }[] }[];

test('when a draft is saved twice, then the newer text replaces it, and the database holds it only sealed', async () => {
  const id = randomUUID();
  expect((await save(cast.pro.accessToken, id, { subject: 'Lab results', html: '<p>Dear Clara, the first</p>' })).status).toBe(200);
  const second = await save(cast.pro.accessToken, id, { subject: 'Lab results', html: '<p>Dear Clara, the second</p>', to: [{ email: cast.guest.email }] });
  expect(second.body).toMatchObject({ id });
  const mine = (await list(cast.pro.accessToken)).filter((d) => d.id === id);
  expect(mine).toEqual([expect.objectContaining({ subject: 'Lab results', html: '<p>Dear Clara, the second</p>', writtenHere: true, organizationName: 'Riverside Clinic' })]);
  expect(mine[0]!.to).toEqual([{ email: cast.guest.email }]);
  const rows = await t.store.db.query('SELECT content_sealed FROM drafts WHERE id = $1', [id]);
  expect(String(rows[0]!.content_sealed)).not.toMatch(/Dear Clara|Lab results/);
});

test("when someone else names a draft's id, then it is not found for reading, replacing or deleting, and it stays as it was", async () => {
  const id = randomUUID();
  await save(cast.pro.accessToken, id, { subject: 'Mine', html: '<p>private</p>' });
  expect((await list(cast.guest.accessToken)).some((d) => d.id === id)).toBe(false);
  const overwrite = await save(cast.guest.accessToken, id, { subject: 'Theirs', html: '<p>replaced</p>' });
  expect([overwrite.status, overwrite.body.code]).toEqual([404, 'not_found']);
  expect((await t.api('DELETE', `/api/v1/drafts/${id}`, { token: cast.admin.accessToken })).status).toBe(404);
  expect((await list(cast.pro.accessToken)).find((d) => d.id === id)).toMatchObject({ subject: 'Mine', html: '<p>private</p>' });
  expect((await t.api('DELETE', `/api/v1/drafts/${id}`, { token: cast.pro.accessToken })).status).toBe(204);
  expect((await list(cast.pro.accessToken)).some((d) => d.id === id)).toBe(false);
});

test('when a member is removed while writing, then the draft is kept for their other organizations', async () => {
  const other = await signUpOrganization(t, { organizationName: 'Second Practice' });
  const member = await inviteAndRegister(t, cast.admin, { type: 'guest' });
  // the same person is a member of a second organization
  await t.api('POST', '/api/v1/invitations', { token: other.accessToken, body: { email: member.email, type: 'guest' } });
  await t.api('POST', '/api/v1/registration', { body: { token: await invitationToken(t, member.email), password: member.password } });
  const id = randomUUID();
  await save(member.accessToken, id, { subject: 'Question about my bill', html: '<p>Half written</p>' });
  expect((await t.api('DELETE', `/api/v1/members/${member.accountId}`, { token: cast.admin.accessToken })).status).toBe(204);
  expect((await t.api('GET', '/api/v1/drafts', { token: member.accessToken })).body.code).toBe('access_revoked');

  const elsewhere = await t.api('POST', '/api/v1/auth/login', { body: { email: member.email, password: member.password } });
  expect(elsewhere.status).toBe(200);
  const kept = (await list(elsewhere.body.accessToken)).find((d) => d.id === id);
  expect(kept).toMatchObject({ subject: 'Question about my bill', html: '<p>Half written</p>', organizationName: 'Riverside Clinic', writtenHere: false });
});

test('when a person keeps as many drafts as allowed, then one more is refused with too_many_drafts, and replacing one still works', async () => {
  const writer = await inviteAndRegister(t, cast.admin, { type: 'guest' });
  const ids = Array.from({ length: 50 }, () => randomUUID());
  for (const id of ids) expect((await save(writer.accessToken, id, { html: '<p>x</p>' })).status).toBe(200);
  const more = await save(writer.accessToken, randomUUID(), { html: '<p>one more</p>' });
  expect([more.status, more.body.code]).toEqual([409, 'too_many_drafts']);
  expect((await save(writer.accessToken, ids[0]!, { html: '<p>replaced</p>' })).status).toBe(200);
  expect(await list(writer.accessToken)).toHaveLength(50);
});
