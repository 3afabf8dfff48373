/**
 * The authorization matrix: every API route, called by each of the eight personas (testing/personas.ts). Each cell
 * names the answer the server must give, on a fresh subject; a refused call must leave every table as it was.
 * The rows live in matrix/, one file per area; a route without a row fails the first test.
 */
import { apiRoutes } from '../routes';
import { changedTables, digestTables } from '../store/testing/tableDigest';
import { entraServerEnv, startTestEntra, type TestEntra } from '../testing/entraTokens';
import { castPersonas, PERSONAS, type Personas } from '../testing/personas';
import { startTestServer, type TestServer } from '../testing/testServer';
import { accountRows } from './matrix/accountRows';
import { accountSettingsRows } from './matrix/accountSettingsRows';
import { adminRows } from './matrix/adminRows';
import { apiTokenRows } from './matrix/apiTokenRows';
import { draftRows } from './matrix/draftRows';
import { isRefusal, matches, sendCall, type MatrixContext, type Rows } from './matrix/matrix';
import { messagingRows } from './matrix/messagingRows';
import { ssoRows } from './matrix/ssoRows';
import { signatureRows } from './matrix/signatureRows';

let t: TestServer;
let entra: TestEntra;
let personas: Personas;
const rows: Rows = {};
/** Which area file holds each row: the rows are built once the server and the cast exist. */
const builders = [accountRows, adminRows, messagingRows, ssoRows, signatureRows, accountSettingsRows, apiTokenRows, draftRows];

// Every cell of every route is a request from one organization: its mail budgets would run out long before the last
// row, and a 429 would hide the authorization answer under test (sendingLimits.test.ts covers the budgets).
const MATRIX_BUDGETS = {
  SENDER_INVITATIONS_PER_HOUR: '100000',
  NEW_ORGANIZATION_INVITATIONS_PER_DAY: '1000000',
  ORGANIZATION_INVITATIONS_PER_DAY: '1000000',
  SENDER_NOTICES_PER_HOUR: '100000',
  NEW_ORGANIZATION_NOTICES_PER_DAY: '1000000',
  ORGANIZATION_NOTICES_PER_DAY: '1000000',
};

beforeAll(async () => {
  entra = await startTestEntra();
  t = await startTestServer({ env: { ...MATRIX_BUDGETS, ...entraServerEnv(entra) } });
  personas = await castPersonas(t, 'Matrix Medical');
  const ctx: MatrixContext = { t, personas, cast: personas.cast, entra };
  // a builder may make what its rows share before any cell runs, so no cell sees it being made
  for (const build of builders) Object.assign(rows, await build(ctx));
  // Every area's subjects are made here, on a machine that may be busy: more than the default 30 s of a test.
}, 180_000);
afterAll(async () => {
  await t.stop();
  await entra.stop();
});

const routeKeys = apiRoutes.map((r) => `${r.method.toUpperCase()} ${r.path}`);

test('when a route exists, then the matrix has a row for it, and every row names a route', () => {
  expect(Object.keys(rows).sort()).toEqual([...routeKeys].sort());
});

test("when a member of another organization lists members and invitations, then none of this organization's people appear", async () => {
  const { cast } = personas;
  const ours = [cast.admin.email, cast.userManager.email, cast.pro.email, cast.guest.email];
  const members = await t.api('GET', '/api/v1/members', { token: personas.tokens.otherOrg });
  const invitations = await t.api('GET', '/api/v1/invitations', { token: personas.tokens.otherOrg });
  const seen = JSON.stringify([members.body, invitations.body]);
  for (const email of ours) expect(seen).not.toContain(email);
});

describe.each(routeKeys)('%s', (route) => {
  const method = route.split(' ')[0]!;
  test.each(PERSONAS)('when called as %s, then the answer is as the matrix says and a refusal changes nothing', async (persona) => {
    const row = rows[route];
    if (!row) throw new Error(`no matrix row for ${route}`);
    const call = await row.call(persona);
    const expected = row.expect[persona];
    const before = isRefusal(expected) ? await digestTables(t.store) : null;
    const res = await sendCall(t, method, call, call.token ?? personas.tokens[persona]);
    const changed = before ? changedTables(before, await digestTables(t.store)) : [];
    expect({ persona, expected, status: res.status, code: res.body?.code, ok: matches(res.status, res.body?.code, expected), changed }).toEqual({
      persona,
      expected,
      status: res.status,
      code: res.body?.code,
      ok: true,
      changed: [],
    });
  });
});
