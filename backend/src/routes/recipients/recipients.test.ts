/** Recipient classification: every outcome, normalization, duplicates, guests' limited view, and one query per batch. */
import { classifyRecipients } from '../../commands/recipientClassifier';
import { pngImage } from '../../testing/images';
import { signUpOrganization } from '../../testing/accounts';
import { castOrganization, inviteAndRegister, uniqueEmail, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Maple Accounting');
  await t.store.db.query(
    `INSERT INTO org_domains (id, organization_id, domain, verification_token, verified_at) VALUES (gen_random_uuid(), $1, 'maple.example', 'x', now())`,
    [cast.organizationId],
  );
});
afterAll(async () => {
  await t.stop();
});

const classify = (token: string, recipients: { email: string; displayName?: string }[]) =>
  t.api('POST', '/api/v1/recipients/classify', { token, body: { recipients } });

test('when a pro classifies one recipient of each kind, then each gets its outcome', async () => {
  const invited = uniqueEmail('invited');
  await t.api('POST', '/api/v1/invitations', { token: cast.admin.accessToken, body: { email: invited } });
  const removed = uniqueEmail('removed');
  const { body: inv } = await t.api('POST', '/api/v1/invitations', { token: cast.admin.accessToken, body: { email: removed } });
  await t.api('DELETE', `/api/v1/members/${(await t.store.accounts.findByEmail(inv.email))!.id}`, { token: cast.admin.accessToken });
  // the platform's block shows on a member who joined (an invitation alone tells nothing about the account)
  const { email: blocked, accountId: blockedId } = await inviteAndRegister(t, cast.admin, { type: 'guest' });
  await t.store.accounts.setBlocked(blockedId, true);
  await t.api('PATCH', '/api/v1/organization/settings', { token: cast.admin.accessToken, body: { autoProvision: 'pro' } });

  const res = await classify(cast.pro.accessToken, [
    { email: cast.userManager.email },
    { email: cast.guest.email },
    { email: invited },
    { email: 'new.client@elsewhere.example', displayName: 'New Client' },
    { email: 'colleague@maple.example' },
    { email: blocked },
    { email: removed },
    { email: cast.pro.email },
    { email: '' },
    { email: 'not an address' },
    { email: `${'x'.repeat(250)}@a.example` },
  ]);
  expect(res.status).toBe(200);
  expect(res.body.recipients.map((r: { outcome: string; reason?: string }) => r.reason ?? r.outcome)).toEqual([
    'member_pro', 'member_guest', 'invited', 'new_guest', 'new_pro', 'blocked', 'removed', 'self', 'no_address', 'bad_syntax', 'too_long',
  ]);
  expect(res.body.recipients[3].displayName).toBe('New Client');
  expect(res.body.seats.remaining).toBe(res.body.seats.purchased - res.body.seats.used - 1);
});

test('when addresses differ only in case, spaces or Unicode domain form, then they collapse to one', async () => {
  const res = await classify(cast.pro.accessToken, [
    { email: '  Anna@Bücher.example ' },
    { email: 'anna@xn--bcher-kva.example' },
    { email: 'ANNA@BÜCHER.EXAMPLE', displayName: 'later name is dropped' },
  ]);
  expect(res.body.recipients).toHaveLength(1);
  expect(res.body.recipients[0]).toMatchObject({ email: 'anna@xn--bcher-kva.example', outcome: 'new_guest' });
});

test('when seats run out within one batch, then the extra colleagues are new guests', async () => {
  const seats = (await t.api('GET', '/api/v1/seats', { token: cast.admin.accessToken })).body;
  const colleagues = Array.from({ length: seats.free + 2 }, (_, i) => ({ email: `staff${i}@maple.example` }));
  const res = await classify(cast.pro.accessToken, colleagues);
  const outcomes = res.body.recipients.map((r: { outcome: string }) => r.outcome);
  expect(outcomes.filter((o: string) => o === 'new_pro')).toHaveLength(seats.free);
  expect(outcomes.filter((o: string) => o === 'new_guest')).toHaveLength(2);
  expect(res.body.seats.remaining).toBe(0);
});

test('when a guest classifies, then only the organization\'s pros are revealed and no seat counts', async () => {
  const other = await signUpOrganization(t, { organizationName: 'Other Org' });
  const res = await classify(cast.guest.accessToken, [
    { email: cast.pro.email },
    { email: cast.guest.email },
    { email: cast.userManager.email },
    { email: other.email },
    { email: 'stranger@elsewhere.example' },
  ]);
  expect(res.body.recipients.map((r: { outcome: string }) => r.outcome)).toEqual(['member_pro', 'self', 'member_pro', 'not_allowed', 'not_allowed']);
  expect(res.body.seats).toBeUndefined();
});

test("when a pro classifies another organization's members, then they look like any new address", async () => {
  const other = await signUpOrganization(t, { organizationName: 'Rival Firm' });
  const res = await classify(cast.pro.accessToken, [{ email: other.email }]);
  expect(res.body.recipients[0].outcome).toBe('new_guest');
});

test('when 500 recipients are classified, then the database is asked once', async () => {
  const actor = await t.store.sessions.findLiveContext(
    JSON.parse(Buffer.from(cast.pro.accessToken.split('.')[1]!, 'base64url').toString()).sid,
  );
  const recipients = Array.from({ length: 500 }, (_, i) => ({ email: i % 2 ? `person${i}@elsewhere.example` : cast.guest.email.replace('@', `+${i}@`) }));
  recipients[0] = { email: cast.userManager.email };
  const sql: string[] = [];
  t.store.db.onQuery = (statement) => sql.push(statement);
  try {
    const result = await classifyRecipients(t.deps, actor!, recipients);
    expect(result.recipients).toHaveLength(500);
    expect(result.recipients[0]!.outcome).toBe('member_pro');
  } finally {
    t.store.db.onQuery = undefined;
  }
  expect(sql).toHaveLength(1);
});

test('when more than 500 recipients are sent, then it is a 400 naming the limit', async () => {
  const res = await classify(cast.pro.accessToken, Array.from({ length: 501 }, (_, i) => ({ email: `p${i}@x.example` })));
  expect(res.status).toBe(400);
  expect(res.body.detail).toContain('at most 500');
});

test("when the add-in asks to include the brand, then the answer carries the organization's name, accent and logo; otherwise not", async () => {
  await t.api('PATCH', '/api/v1/branding', { token: cast.admin.accessToken, body: { accentColor: '#7A1F5C' } });
  const logo = await fetch(`${t.url}/api/v1/branding/logo`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${cast.admin.accessToken}`, 'content-type': 'image/png' },
    body: new Uint8Array(pngImage(90, 30)),
  });
  expect(logo.status).toBe(200);
  const recipients = [{ email: 'someone@elsewhere.example' }];
  const branded = await t.api('POST', '/api/v1/recipients/classify?include=brand', { token: cast.pro.accessToken, body: { recipients } });
  expect(branded.status).toBe(200);
  expect(branded.body.recipients).toHaveLength(1);
  expect(branded.body.brand).toEqual({
    organizationName: 'Maple Accounting',
    accentColor: '#7a1f5c',
    logoUrl: expect.stringMatching(new RegExp(`^${t.url}/api/v1/branding/logo/${cast.organizationId}\\?v=[0-9a-f]{16}$`)),
  });
  expect((await classify(cast.pro.accessToken, recipients)).body.brand).toBeUndefined();
});

test('when include names anything but the brand, then it is a 400 and nothing is classified', async () => {
  const res = await t.api('POST', '/api/v1/recipients/classify?include=seats', { token: cast.pro.accessToken, body: { recipients: [] } });
  expect([res.status, res.body.code]).toEqual([400, 'invalid_request']);
  expect(res.body.detail).toContain('include');
});

test('when a pro writes to a colleague and to a lookalike of the colleague\'s domain, then the first-time one carries the warning', async () => {
  const domain = cast.userManager.email.split('@')[1]!;
  const [name, ...rest] = domain.split('.');
  // one letter dropped from the colleague's domain: client.example → clien.example
  const lookalike = uniqueEmail('mallory', `${name!.slice(0, -1)}.${rest.join('.')}`);
  const honest = uniqueEmail('nora', 'faraway.example');
  const res = await classify(cast.pro.accessToken, [{ email: cast.userManager.email }, { email: lookalike }, { email: honest }]);
  expect(res.status).toBe(200);
  const byEmail = new Map(res.body.recipients.map((r: { email: string }) => [r.email, r]));
  expect(byEmail.get(lookalike)).toMatchObject({ outcome: 'new_guest', lookalike: { resembles: domain, reason: 'one_edit' } });
  expect(byEmail.get(honest)).not.toHaveProperty('lookalike');
  expect(byEmail.get(cast.userManager.email)).not.toHaveProperty('lookalike');
});

test('when a guest classifies, then no lookalike warning is computed for them', async () => {
  const res = await classify(cast.guest.accessToken, [{ email: cast.pro.email }, { email: 'x@maple.exampel' }]);
  expect(res.status).toBe(200);
  expect(res.body.recipients.some((r: Record<string, unknown>) => 'lookalike' in r)).toBe(false);
});

test("when a first-time recipient's domain imitates the organization's verified domain, then it is flagged though no one from it is on the message", async () => {
  const res = await classify(cast.pro.accessToken, [{ email: uniqueEmail('eve', 'rnaple.example') }, { email: uniqueEmail('ok', 'maple.example') }]);
  expect(res.status).toBe(200);
  expect(res.body.recipients[0]).toMatchObject({ lookalike: { resembles: 'maple.example', reason: 'confusable' } });
  expect(res.body.recipients[1]).not.toHaveProperty('lookalike');
});
