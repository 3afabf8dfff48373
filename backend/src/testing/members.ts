/** Test shortcuts for people in an organization, made through the public API: invite, register, sign in. */
import { signUpOrganization, type SignedUp } from './accounts';
import { linkIn, tokenOf, type TestServer } from './testServer';
import { buySeats } from './seats';

export interface Member {
  email: string;
  password: string;
  accountId: string;
  accessToken: string;
  refreshToken: string;
}

let counter = 0;
export const uniqueEmail = (prefix: string, domain = 'client.example') => `${prefix}${(counter += 1)}-${Date.now()}@${domain}`;

/** The registration link from the newest invitation email to `email`. */
export async function invitationToken(t: TestServer, email: string): Promise<string> {
  const [mail] = await t.mailTo(email);
  if (!mail) throw new Error(`no invitation email for ${email}`);
  return tokenOf(linkIn(mail, '/register'));
}

export async function inviteAndRegister(
  t: TestServer,
  inviter: { accessToken: string },
  input: { email?: string; type?: 'pro' | 'guest'; name?: string; password?: string } = {},
): Promise<Member> {
  const email = input.email ?? uniqueEmail(input.type ?? 'guest');
  const password = input.password ?? 'a sturdy passphrase';
  const invited = await t.api('POST', '/api/v1/invitations', {
    token: inviter.accessToken,
    body: { email, name: input.name ?? 'Test Person', type: input.type ?? 'guest' },
  });
  if (invited.status !== 201) throw new Error(`invite answered ${invited.status}: ${JSON.stringify(invited.body)}`);
  const registered = await t.api('POST', '/api/v1/registration', {
    body: { token: await invitationToken(t, email), name: input.name ?? 'Test Person', password },
    ip: `198.51.100.${(counter % 200) + 20}`,
  });
  if (registered.status !== 200 || !registered.body.accessToken) {
    throw new Error(`registration answered ${registered.status}: ${JSON.stringify(registered.body)}`);
  }
  const me = await t.api('GET', '/api/v1/me', { token: registered.body.accessToken });
  return { email, password, accountId: me.body.account.id, accessToken: registered.body.accessToken, refreshToken: registered.body.refreshToken };
}

export interface Cast {
  admin: SignedUp & { accountId: string };
  organizationId: string;
  userManager: Member;
  pro: Member;
  guest: Member;
}

/** An organization with an admin, a user manager, a plain pro and a guest (seats bought as needed). */
export async function castOrganization(t: TestServer, organizationName = 'Harbor Clinic'): Promise<Cast> {
  const owner = await signUpOrganization(t, { organizationName });
  const adminMe = await t.api('GET', '/api/v1/me', { token: owner.accessToken });
  await buySeats(t, owner.accessToken, 5);
  const userManager = await inviteAndRegister(t, owner, { type: 'pro', name: 'Uma Manager' });
  await t.api('PATCH', `/api/v1/members/${userManager.accountId}`, { token: owner.accessToken, body: { roles: { userManager: true } } });
  const pro = await inviteAndRegister(t, owner, { type: 'pro', name: 'Pat Pro' });
  const guest = await inviteAndRegister(t, owner, { type: 'guest', name: 'Gil Guest' });
  return { admin: { ...owner, accountId: adminMe.body.account.id }, organizationId: owner.organizationId, userManager, pro, guest };
}

/** Sends a message through the API as `token`'s holder (body defaults to a short paragraph); throws unless 201. */
export async function sendAs(t: TestServer, token: string, body: Record<string, unknown>): Promise<{ id: string; threadId: string }> {
  const res = await t.api('POST', '/api/v1/messages', { token, body: { html: '<p>Hello</p>', ...body } });
  if (res.status !== 201) throw new Error(`send answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; threadId: string };
}
