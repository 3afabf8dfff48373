/**
 * GET /api/v1/me carries the person's abilities, and each one says what the server then does: a page that shows an
 * action by its ability never shows one the server refuses, nor hides one it allows.
 */
import { meSchema } from '../../contract/me';
import { castOrganization, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
let cast: Cast;

beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Abilities Dental');
});
afterAll(async () => {
  await t.stop();
});

/** An ability, and a read-only call the server answers 200 exactly when the ability is true. */
const probes = [
  ['manageMembers', '/api/v1/members'],
  ['readSettings', '/api/v1/organization/settings'],
  ['buySeats', '/api/v1/seats'],
  ['readAudit', '/api/v1/audit'],
  ['listClients', '/api/v1/clients'],
  ['seeDomains', '/api/v1/domains'],
  ['inviteGuests', '/api/v1/invitations'],
  ['manageSso', '/api/v1/organization/sso'],
  ['manageApiTokens', '/api/v1/organization/api-tokens'],
] as const;

test.each(['admin', 'userManager', 'pro', 'guest'] as const)('when the %s asks who they are, then the abilities match what the server allows them', async (who) => {
  const token = cast[who].accessToken;
  const me = await t.api('GET', '/api/v1/me', { token });
  expect(me.status).toBe(200);
  const body = meSchema.parse(me.body);
  const told: Record<string, boolean> = {};
  const done: Record<string, boolean> = {};
  for (const [ability, path] of probes) {
    told[ability] = body.abilities[ability];
    done[ability] = (await t.api('GET', path, { token })).status === 200;
  }
  expect(told).toEqual(done);
  expect(body.abilities.manageDomains).toBe(who === 'admin');
  expect(body.abilities.recallMessages).toBe(who !== 'guest');
});
