/** The admin page's member routes over HTTP: CSV export (escaping, formula safety), member details, bulk actions. */
import { login } from '../../testing/accounts';
import { castOrganization, inviteAndRegister, uniqueEmail, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { csvCell, csvRow } from '../../http/csv';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Export Legal');
});
afterAll(async () => {
  await t.stop();
});

const invite = (email: string, name: string, type: 'pro' | 'guest' = 'guest') =>
  t.api('POST', '/api/v1/invitations', { token: cast.admin.accessToken, body: { email, name, type } });

/** Parses RFC 4180 CSV (quoted cells, doubled quotes, CRLF) back into rows, to check what a spreadsheet would read. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  return rows;
}

describe('CSV cells', () => {
  test.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+1 555 0100', "'+1 555 0100"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\t=1', `"'\t'=1"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    [' padded ', '" padded "'],
  ])('when a cell holds %j, then it is written as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  test('when a row has numbers, nulls and booleans, then numbers stay numbers and nulls are empty', () => {
    expect(csvRow([-5, null, undefined, true, 'x'])).toBe('-5,,,true,x\r\n');
  });
});

test('when the filtered member list is exported, then hostile names come out as text, one row per member, with a download header', async () => {
  const email = uniqueEmail('evil');
  expect((await invite(email, '=HYPERLINK("http://evil.example","click"), "quoted"')).status).toBe(201);
  const res = await fetch(`${t.url}/api/v1/members/export.csv?status=invited&q=${encodeURIComponent(email)}`, {
    headers: { authorization: `Bearer ${cast.admin.accessToken}` },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="members-\d{4}-\d{2}-\d{2}\.csv"$/);
  const bytes = Buffer.from(await res.arrayBuffer());
  // A byte-order mark first, so Excel reads the file as UTF-8.
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  expect(text.startsWith('Name,Email,')).toBe(true);
  const rows = parseCsv(text);
  expect(rows).toHaveLength(2);
  expect(rows[1]!.slice(0, 2)).toEqual(['\'=HYPERLINK("http://evil.example","click"), "quoted"', email]);
  expect(rows[1]![5]).toBe('Invited');

  const all = parseCsv(await (await fetch(`${t.url}/api/v1/members/export.csv?sort=email`, { headers: { authorization: `Bearer ${cast.admin.accessToken}` } })).text());
  const listed = await t.api('GET', '/api/v1/members?sort=email', { token: cast.admin.accessToken });
  expect(all.slice(1).map((r) => r[1])).toEqual(listed.body.members.map((m: { email: string }) => m.email));
  const events = await t.store.audit.list(cast.organizationId);
  expect(events.filter((e) => e.action === 'members.exported')).toHaveLength(2);
});

test('when a guest or a plain pro asks for the export, then it is 403 and no file is sent', async () => {
  for (const token of [cast.guest.accessToken, cast.pro.accessToken]) {
    const res = await t.api('GET', '/api/v1/members/export.csv', { token });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  }
});

test("when a member's details are asked for, then they show who invited them, how often it was sent, sessions and history", async () => {
  const email = uniqueEmail('detail');
  const invited = await invite(email, 'Dee Tail');
  await t.api('POST', `/api/v1/invitations/${invited.body.id}/resend`, { token: cast.userManager.accessToken });
  const [row] = (await t.api('GET', `/api/v1/members?q=${encodeURIComponent(email)}`, { token: cast.admin.accessToken })).body.members;
  expect(row).toMatchObject({ state: 'invited', invitationId: invited.body.id, abilities: { canResend: true, canEditInvited: true } });

  const detail = await t.api('GET', `/api/v1/members/${row.accountId}`, { token: cast.userManager.accessToken });
  expect(detail.status).toBe(200);
  expect(detail.body.member.email).toBe(email);
  expect(detail.body.invitations).toHaveLength(1);
  expect(detail.body.invitations[0]).toMatchObject({ sendCount: 2, invitedBy: { name: 'Dana Reyes' }, status: 'invited' });
  expect(detail.body.liveSessions).toBe(0);
  expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['invitation.resent', 'member.invited']);
  expect(detail.body.history[0].actorName).toBe('Uma Manager');

  const pro = await t.api('GET', `/api/v1/members/${cast.pro.accountId}`, { token: cast.admin.accessToken });
  expect(pro.body.liveSessions).toBeGreaterThanOrEqual(1);
  expect(pro.body.member.state).toBe('registered');
  expect(pro.body.invitations[0].status).toBe('registered');
});

test('when details are asked for someone of another organization or nobody, then it is 404', async () => {
  const other = await castOrganization(t, 'Elsewhere LLP');
  expect((await t.api('GET', `/api/v1/members/${other.pro.accountId}`, { token: cast.admin.accessToken })).status).toBe(404);
  expect((await t.api('GET', '/api/v1/members/00000000-0000-4000-8000-000000000000', { token: cast.admin.accessToken })).status).toBe(404);
  expect((await t.api('GET', '/api/v1/members/not-a-uuid', { token: cast.admin.accessToken })).status).toBe(400);
});

test('when invitations are resent in bulk, then each pending one gets a new link and the others say why not', async () => {
  const a = uniqueEmail('bulk-a');
  const b = uniqueEmail('bulk-b');
  await invite(a, 'Bulk A');
  await invite(b, 'Bulk B');
  const ids = (await t.api('GET', '/api/v1/members?status=invited&q=bulk-', { token: cast.admin.accessToken })).body.members.map((m: { accountId: string }) => m.accountId);
  const res = await t.api('POST', '/api/v1/members/bulk', { token: cast.userManager.accessToken, body: { action: 'resend', accountIds: [...ids, cast.pro.accountId] } });
  expect(res.status).toBe(200);
  expect(res.body.results.map((r: { ok: boolean; code: string | null }) => [r.ok, r.code])).toEqual([[true, null], [true, null], [false, 'invitation_not_pending']]);
  expect(await t.mailTo(a)).toHaveLength(2);
});

test('when members are changed to pro in bulk with one seat free, then one is changed and the other is told there is no seat', async () => {
  const seats = (await t.api('GET', '/api/v1/seats', { token: cast.admin.accessToken })).body;
  for (let i = 0; i < seats.free - 1; i += 1) await inviteAndRegister(t, cast.admin, { type: 'pro' });
  const g1 = await inviteAndRegister(t, cast.admin, { type: 'guest' });
  const g2 = await inviteAndRegister(t, cast.admin, { type: 'guest' });
  const res = await t.api('POST', '/api/v1/members/bulk', { token: cast.admin.accessToken, body: { action: 'change_type', type: 'pro', accountIds: [g1.accountId, g2.accountId] } });
  expect(res.body.results.map((r: { ok: boolean; code: string | null }) => [r.ok, r.code])).toEqual([[true, null], [false, 'no_seats_available']]);
  expect(res.body.results[1].detail).toMatch(/Buy more seats/);
  const asManager = await t.api('POST', '/api/v1/members/bulk', { token: cast.userManager.accessToken, body: { action: 'change_type', type: 'guest', accountIds: [g1.accountId] } });
  expect(asManager.body.results[0].code).toBe('forbidden');
});

test('when members are removed in bulk, then their sessions end at once and the only admin is kept', async () => {
  const victim = await inviteAndRegister(t, cast.admin, { type: 'guest' });
  const res = await t.api('POST', '/api/v1/members/bulk', { token: cast.admin.accessToken, body: { action: 'remove', accountIds: [victim.accountId, cast.admin.accountId] } });
  expect(res.body.results.map((r: { code: string | null }) => r.code)).toEqual([null, 'last_admin']);
  const me = await t.api('GET', '/api/v1/me', { token: victim.accessToken });
  expect([me.status, me.body.code]).toEqual([403, 'access_revoked']);
  expect((await login(t, victim.email, victim.password)).body.detail).toBe('Your access to Export Legal has been revoked.');
});

test.each([
  ['no members', { action: 'resend', accountIds: [] }],
  ['an id that is not a uuid', { action: 'remove', accountIds: ['nope'] }],
  ['change_type without a type', { action: 'change_type', accountIds: ['00000000-0000-4000-8000-000000000000'] }],
  ['an unknown action', { action: 'explode', accountIds: ['00000000-0000-4000-8000-000000000000'] }],
  ['101 members', { action: 'remove', accountIds: Array.from({ length: 101 }, () => '00000000-0000-4000-8000-000000000000') }],
  ['an extra field', { action: 'remove', accountIds: ['00000000-0000-4000-8000-000000000000'], extra: 1 }],
  ['not JSON', 'not json'],
])('when the bulk body has %s, then it is 4xx and nothing changes', async (_label, body) => {
  const res = await t.api('POST', '/api/v1/members/bulk', { token: cast.admin.accessToken, body });
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
});

test("when another organization's admin acts in bulk on our members, then each result is not_found and nothing changes", async () => {
  const other = await castOrganization(t, 'Intruder & Co');
  const target = await inviteAndRegister(t, cast.admin, { type: 'guest' });
  const res = await t.api('POST', '/api/v1/members/bulk', { token: other.admin.accessToken, body: { action: 'remove', accountIds: [target.accountId] } });
  expect(res.body.results).toEqual([{ accountId: target.accountId, ok: false, code: 'not_found', detail: 'That member was not found.' }]);
  expect((await t.api('GET', '/api/v1/me', { token: target.accessToken })).status).toBe(200);
});
