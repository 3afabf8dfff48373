/**
 * Domain claims over HTTP against a real database and a real DNS server on loopback (dns2): claiming, consumer
 * domains, TXT verification succeeding and failing in every way DNS fails, and one verifier per domain.
 */
import { deadDnsAddress, startTxtDnsServer, type TxtDnsServer } from '../../domains/testing/txtDnsServer';
import { signUpOrganization, type SignedUp } from '../../testing/accounts';
import { startTestServer, type TestServer } from '../../testing/testServer';

let dns: TxtDnsServer;
let t: TestServer;
beforeAll(async () => {
  dns = await startTxtDnsServer();
  t = await startTestServer({ env: { DNS_SERVERS: dns.address } });
});
afterAll(async () => {
  await t.stop();
  await dns.stop();
});

let n = 0;
const uniqueDomain = () => `harbor-${(n += 1)}-${Date.now()}.example`;

async function claim(owner: SignedUp, domain: string) {
  return t.api('POST', '/api/v1/domains', { token: owner.accessToken, body: { domain } });
}
async function verify(owner: SignedUp, id: string) {
  return t.api('POST', `/api/v1/domains/${id}/verify`, { token: owner.accessToken });
}
async function auditActions(organizationId: string) {
  return (await t.store.audit.list(organizationId)).filter((e) => e.targetType === 'domain').map((e) => [e.action, e.targetId]);
}

describe('claiming', () => {
  test('when an admin claims a domain, then the answer is the TXT record to add, and claiming it again returns the same claim', async () => {
    const owner = await signUpOrganization(t);
    const domain = uniqueDomain();
    const first = await claim(owner, `  ${domain.toUpperCase()}. `);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ domain, status: 'pending', verifiedAt: null, txtRecord: { type: 'TXT', name: domain } });
    expect(first.body.txtRecord.value).toMatch(/^sealpost-verification=[A-Za-z0-9_-]{22}$/);

    const again = await claim(owner, domain);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const list = await t.api('GET', '/api/v1/domains', { token: owner.accessToken });
    expect(list.body.domains).toEqual([first.body]);
    expect(await auditActions(owner.organizationId)).toEqual([['domain.claimed', first.body.id]]);
  });

  test('when two claims are made, then each gets its own random token', async () => {
    const owner = await signUpOrganization(t);
    const a = await claim(owner, uniqueDomain());
    const b = await claim(owner, uniqueDomain());
    expect(a.body.txtRecord.value).not.toBe(b.body.txtRecord.value);
  });

  test('when an internationalized domain is claimed, then it is stored and answered as punycode', async () => {
    const owner = await signUpOrganization(t);
    const res = await claim(owner, `Bücher-${Date.now()}.Example`);
    expect(res.status).toBe(200);
    expect(res.body.domain).toMatch(/^xn--bcher-\d+-[a-z0-9]+\.example$/);
    expect(res.body.txtRecord.name).toBe(res.body.domain);
  });

  test.each(['gmail.com', 'Outlook.com', 'hotmail.com.'])('when the consumer domain %s is claimed, then it is refused with the reason', async (domain) => {
    const owner = await signUpOrganization(t);
    const res = await claim(owner, domain);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('consumer_domain');
    expect(res.body.detail).toMatch(/^[a-z.]+ is a public email provider where anyone can get an address, so no organization can claim it\./);
    expect((await t.api('GET', '/api/v1/domains', { token: owner.accessToken })).body.domains).toEqual([]);
  });
});

describe('verifying', () => {
  test('when the TXT record is missing, wrong, then present, then verification fails saying what it found, then succeeds', async () => {
    const owner = await signUpOrganization(t);
    const domain = uniqueDomain();
    const { body: claimed } = await claim(owner, domain);
    const expected = claimed.txtRecord.value as string;

    const none = await verify(owner, claimed.id);
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('verification_failed');
    expect(none.body.detail).toBe(
      `We looked for a TXT record at ${domain} with the value ${expected}, but ${domain} has no TXT records yet. ` +
        'Add the record, then try again. DNS changes can take a while to reach everyone; try again in a few minutes.',
    );
    expect(none.body.expected).toEqual({ type: 'TXT', name: domain, value: expected });

    dns.records.set(domain, ['v=spf1 -all', 'sealpost-verification=someone-elses-token']);
    const wrong = await verify(owner, claimed.id);
    expect(wrong.status).toBe(409);
    expect(wrong.body.detail).toContain('but found only "v=spf1 -all", "sealpost-verification=someone-elses-token".');
    expect(wrong.body.found).toEqual(['v=spf1 -all', 'sealpost-verification=someone-elses-token']);
    expect((await t.api('GET', '/api/v1/domains', { token: owner.accessToken })).body.domains[0].status).toBe('pending');

    dns.records.set(domain, ['v=spf1 -all', expected]);
    const ok = await verify(owner, claimed.id);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: claimed.id, status: 'verified' });
    expect(Date.parse(ok.body.verifiedAt)).not.toBeNaN();
    expect((await t.api('GET', '/api/v1/domains', { token: owner.accessToken })).body.domains).toEqual([ok.body]);
    expect(await auditActions(owner.organizationId)).toEqual([
      ['domain.verified', claimed.id],
      ['domain.claimed', claimed.id],
    ]);
    expect(await t.store.domains.verifiedOwners([domain])).toEqual(new Map([[domain, owner.organizationId]]));

    // Verifying again changes nothing and asks DNS nothing: the record may be gone by now.
    dns.records.delete(domain);
    expect((await verify(owner, claimed.id)).body).toEqual(ok.body);
    expect(await auditActions(owner.organizationId)).toHaveLength(2);
  });

  test.each([
    ['answers SERVFAIL', 'servfail' as const, /but the DNS server could not answer \(ESERVFAIL\), so we could not check\./],
    ['never answers', 'silent' as const, /but the DNS lookup timed out, so we could not check\./],
  ])('when the DNS server %s, then verification is a 409 that says so, not a 500', async (_what, failure, detail) => {
    const owner = await signUpOrganization(t);
    const domain = uniqueDomain();
    const { body: claimed } = await claim(owner, domain);
    dns.records.set(domain, [claimed.txtRecord.value]);
    dns.failing.set(domain, failure);
    const res = await verify(owner, claimed.id);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('verification_failed');
    expect(res.body.detail).toMatch(detail);
    expect(res.body.lookup).toBe(failure === 'silent' ? 'timeout' : 'failed');
  });
});

describe('one verifier per domain', () => {
  test('when org A has verified a domain, then org B can neither verify its own claim of it nor claim it anew', async () => {
    const a = await signUpOrganization(t, { organizationName: 'Harbor Clinic' });
    const b = await signUpOrganization(t, { organizationName: 'Impostor Ltd' });
    const domain = uniqueDomain();
    const claimA = (await claim(a, domain)).body;
    const claimB = (await claim(b, domain)).body;
    expect(claimB.id).not.toBe(claimA.id);
    // B even publishes its own token: DNS is not what decides once the domain is someone's.
    dns.records.set(domain, [claimA.txtRecord.value, claimB.txtRecord.value]);
    expect((await verify(a, claimA.id)).status).toBe(200);

    const late = await verify(b, claimB.id);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      code: 'domain_taken',
      detail: `${domain} is already verified by another organization. Contact support if you own it.`,
    });
    const other = await signUpOrganization(t);
    expect((await claim(other, domain)).body.code).toBe('domain_taken');
    expect((await t.api('GET', '/api/v1/domains', { token: other.accessToken })).body.domains).toEqual([]);
    expect(await t.store.domains.verifiedOwners([domain])).toEqual(new Map([[domain, a.organizationId]]));
  });

  test('when two organizations verify one domain at the same moment, then exactly one wins and the other gets domain_taken', async () => {
    const a = await signUpOrganization(t);
    const b = await signUpOrganization(t);
    const domain = uniqueDomain();
    const claimA = (await claim(a, domain)).body;
    const claimB = (await claim(b, domain)).body;
    dns.records.set(domain, [claimA.txtRecord.value, claimB.txtRecord.value]);
    const answers = await Promise.all([verify(a, claimA.id), verify(b, claimB.id)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.status === 409)!.body.code).toBe('domain_taken');
    const winner = answers.find((r) => r.status === 200)!.body.id === claimA.id ? a : b;
    expect(await t.store.domains.verifiedOwners([domain])).toEqual(new Map([[domain, winner.organizationId]]));
  });

  test('when the verifying organization removes the domain, then another organization can claim and verify it', async () => {
    const a = await signUpOrganization(t);
    const b = await signUpOrganization(t);
    const domain = uniqueDomain();
    const claimA = (await claim(a, domain)).body;
    dns.records.set(domain, [claimA.txtRecord.value]);
    expect((await verify(a, claimA.id)).status).toBe(200);
    expect((await t.api('DELETE', `/api/v1/domains/${claimA.id}`, { token: a.accessToken })).status).toBe(204);
    expect(await auditActions(a.organizationId)).toContainEqual(['domain.removed', claimA.id]);

    const claimB = (await claim(b, domain)).body;
    expect(claimB.status).toBe('pending');
    dns.records.set(domain, [claimB.txtRecord.value]);
    expect((await verify(b, claimB.id)).body.status).toBe('verified');
  });
});

describe('when the DNS server is down', () => {
  let down: TestServer;
  beforeAll(async () => {
    down = await startTestServer({ env: { DNS_SERVERS: await deadDnsAddress() } });
  });
  afterAll(async () => {
    await down.stop();
  });

  // The jest timeout bounds this; the resolver itself gives up after one 2-second try.
  test('when nothing listens at DNS_SERVERS, then verification answers 409 timeout, not 500', async () => {
    const owner = await signUpOrganization(down);
    const { body: claimed } = await down.api('POST', '/api/v1/domains', { token: owner.accessToken, body: { domain: uniqueDomain() } });
    const res = await down.api('POST', `/api/v1/domains/${claimed.id}/verify`, { token: owner.accessToken });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'verification_failed', lookup: 'timeout' });
  });
});
