/** A branding change and its audit event are one write: when either cannot be written, neither is. */
import { castOrganization, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { pngImage } from '../../testing/images';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Harbor Clinic');
  // The database itself refuses to record branding events, as a full disk or a lost connection would.
  await t.store.db.exec("ALTER TABLE audit_events ADD CONSTRAINT refuses_branding_events CHECK (action <> 'organization.branding_changed')");
});
afterAll(async () => {
  await t.stop();
});

test('when the audit event of a branding change cannot be written, then the colour and logo stay as they were', async () => {
  const before = (await t.api('GET', '/api/v1/branding', { token: cast.admin.accessToken })).body;
  const colour = await t.api('PATCH', '/api/v1/branding', { token: cast.admin.accessToken, body: { accentColor: '#0b6e69' } });
  expect(colour.status).toBe(500);
  const logo = await fetch(`${t.url}/api/v1/branding/logo`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${cast.admin.accessToken}`, 'content-type': 'image/png' },
    body: new Uint8Array(pngImage(120, 40)),
  });
  expect(logo.status).toBe(500);
  expect((await t.api('GET', '/api/v1/branding', { token: cast.admin.accessToken })).body).toEqual(before);
});

test('when the branding write itself fails, then no audit event says it changed; once it succeeds, exactly one does', async () => {
  await t.store.db.exec('ALTER TABLE audit_events DROP CONSTRAINT refuses_branding_events');
  await t.store.db.exec("ALTER TABLE org_branding ADD CONSTRAINT refuses_one_colour CHECK (accent_color IS DISTINCT FROM '#0b6e69')");
  const events = async () =>
    (await t.api('GET', '/api/v1/audit?action=organization.branding_changed', { token: cast.admin.accessToken })).body.events as { data: unknown }[];
  const refused = await t.api('PATCH', '/api/v1/branding', { token: cast.admin.accessToken, body: { accentColor: '#0b6e69' } });
  expect(refused.status).toBe(500);
  expect(await events()).toEqual([]);
  const applied = await t.api('PATCH', '/api/v1/branding', { token: cast.admin.accessToken, body: { accentColor: '#123456' } });
  expect(applied.status).toBe(200);
  expect((await events()).map((e) => e.data)).toEqual([{ accentColor: '#123456' }]);
});
