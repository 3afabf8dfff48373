/** Test shortcuts over the public API: sign up an organization through the emailed link, sign in. */
import { linkIn, tokenOf, type TestServer } from './testServer';

export interface SignedUp {
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  organizationId: string;
  sessionId: string;
}

let counter = 0;

export async function signUpOrganization(
  t: TestServer,
  input: { email?: string; name?: string; organizationName?: string; password?: string } = {},
): Promise<SignedUp> {
  counter += 1;
  const email = input.email ?? `owner${counter}-${Date.now()}@clinic.example`;
  const password = input.password ?? 'correct horse battery staple';
  // Each sign-up comes from its own documentation-range address, as different people would.
  const ip = `198.51.100.${counter % 250}`;
  const started = await t.api('POST', '/api/v1/signup', {
    ip,
    body: { organizationName: input.organizationName ?? 'Harbor Clinic', name: input.name ?? 'Dana Reyes', email, password },
  });
  if (started.status !== 202) throw new Error(`signup answered ${started.status}: ${JSON.stringify(started.body)}`);
  const [mail] = await t.mailTo(email);
  if (!mail) throw new Error(`no sign-up email for ${email}`);
  const confirmed = await t.api('POST', '/api/v1/signup/confirm', { body: { token: tokenOf(linkIn(mail, '/signup/confirm')) } });
  if (confirmed.status !== 201) throw new Error(`confirm answered ${confirmed.status}: ${JSON.stringify(confirmed.body)}`);
  return { email, password, ...confirmed.body };
}

export async function login(t: TestServer, email: string, password: string, extra: Record<string, unknown> = {}) {
  return t.api('POST', '/api/v1/auth/login', { body: { email, password, ...extra }, ip: `203.0.113.${(counter += 1) % 250}` });
}
