/**
 * The organization settings over HTTP: changes by admins within their limits, the add-in's secure-send policy
 * (also on /me), the count of active members without 2-step verification, and the viewer's abilities.
 */
import { castOrganization, inviteAndRegister, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { enrolledOwner } from '../twoStep/testSupport';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Settings & Sons');
});
afterAll(async () => {
  await t.stop();
});

const settingsOf = (token: string) => t.api('GET', '/api/v1/organization/settings', { token });

test('when settings are read, then they say how many active members lack 2-step, and what the viewer may do is left to GET /me', async () => {
  const asAdmin = await settingsOf(cast.admin.accessToken);
  expect(asAdmin.body).toMatchObject({ secureSendPolicy: 'user_choice', activeWithoutTwoStep: 4 });
  expect(asAdmin.body).not.toHaveProperty('abilities');
  await inviteAndRegister(t, cast.admin, { type: 'guest' });
  expect((await settingsOf(cast.admin.accessToken)).body.activeWithoutTwoStep).toBe(5);
});

test('when the owner has enrolled in 2-step verification, then they are not counted', async () => {
  const owner = await enrolledOwner(t, '198.51.100.77');
  const withoutTwoStep = await t.store.memberships.countMembers(owner.organizationId, { state: 'registered' });
  const verified = await t.store.memberships.countMembers(owner.organizationId, { state: 'verified' });
  expect([withoutTwoStep, verified]).toEqual([0, 1]);
});

test('when an admin sets the secure-send policy, then settings and /me carry it for everyone in the organization', async () => {
  const res = await t.api('PATCH', '/api/v1/organization/settings', { token: cast.admin.accessToken, body: { secureSendPolicy: 'external_always' } });
  expect(res.status).toBe(200);
  expect(res.body.secureSendPolicy).toBe('external_always');
  const me = await t.api('GET', '/api/v1/me', { token: cast.pro.accessToken });
  expect(me.body.organization).toEqual({ id: cast.organizationId, name: 'Settings & Sons', secureSendPolicy: 'external_always', noForwardingByDefault: false });
  const audit = await t.store.audit.list(cast.organizationId, { limit: 1 });
  expect(audit[0]).toMatchObject({ action: 'organization.settings_changed', data: { secureSendPolicy: 'external_always' } });
});

test.each([['always'], [''], [null], [true]])('when the secure-send policy is %j, then it is 400 and nothing changes', async (value) => {
  const res = await t.api('PATCH', '/api/v1/organization/settings', { token: cast.admin.accessToken, body: { secureSendPolicy: value } });
  expect(res.status).toBe(400);
  expect(res.body.code).toBe('invalid_request');
});

test('when a user manager tries to set the secure-send policy, then it is 403', async () => {
  const res = await t.api('PATCH', '/api/v1/organization/settings', { token: cast.userManager.accessToken, body: { secureSendPolicy: 'user_choice' } });
  expect(res.status).toBe(403);
});

test('when settings are changed by an admin, then they apply; invitation expiry outside 1–30 days is refused', async () => {
  const res = await t.api('PATCH', '/api/v1/organization/settings', { token: cast.admin.accessToken, body: { invitationExpiryDays: 14 } });
  expect(res.body.invitationExpiryDays).toBe(14);
  const bad = await t.api('PATCH', '/api/v1/organization/settings', { token: cast.admin.accessToken, body: { invitationExpiryDays: 31 } });
  expect(bad.status).toBe(400);
  expect((await t.api('PATCH', '/api/v1/organization/settings', { token: cast.userManager.accessToken, body: { requireTwoStep: true } })).status).toBe(403);
});
