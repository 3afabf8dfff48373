/**
 * The eight kinds of caller every route is tried as, by the authorization matrix and the fuzz suite: the four roles of
 * one organization, a removed and an operator-blocked member of it, the admin of another organization, and nobody.
 */
import { runOperatorCommand } from '../cli/operator';
import { signUpOrganization, type SignedUp } from './accounts';
import { castOrganization, inviteAndRegister, type Cast, type Member } from './members';
import type { TestServer } from './testServer';
import { buySeats } from './seats';

export const PERSONAS = ['admin', 'userManager', 'pro', 'guest', 'removed', 'blocked', 'otherOrg', 'anonymous'] as const;
export type Persona = (typeof PERSONAS)[number];

/** Personas whose sign-in still works: they can get a fresh session at any time. */
export const LIVE_PERSONAS = ['admin', 'userManager', 'pro', 'guest', 'otherOrg'] as const satisfies readonly Persona[];
type LivePersona = (typeof LIVE_PERSONAS)[number];

export interface Personas {
  cast: Cast;
  other: SignedUp & { accountId: string };
  removed: Member;
  blocked: Member;
  /** The access token each persona calls with (none for anonymous). */
  tokens: Record<Persona, string | undefined>;
  credentials: Record<LivePersona, { email: string; password: string }>;
}

export async function castPersonas(t: TestServer, organizationName: string): Promise<Personas> {
  const cast = await castOrganization(t, organizationName);
  await buySeats(t, cast.admin.accessToken, 50);
  const removed = await inviteAndRegister(t, cast.admin, { type: 'guest', name: 'Rem Oved' });
  const removal = await t.api('DELETE', `/api/v1/members/${removed.accountId}`, { token: cast.admin.accessToken });
  if (removal.status !== 204) throw new Error(`removing a member answered ${removal.status}`);
  // Blocked the way the platform operator does it: through the operator command, not a shortcut in the database.
  const blocked = await inviteAndRegister(t, cast.admin, { type: 'pro', name: 'Blo Cked' });
  const said = await runOperatorCommand(t.store, ['block', blocked.email]);
  if (!said.includes('is blocked')) throw new Error(`operator block said: ${said}`);
  const owner = await signUpOrganization(t, { organizationName: `${organizationName} Rival` });
  const otherMe = await t.api('GET', '/api/v1/me', { token: owner.accessToken });
  const other = { ...owner, accountId: otherMe.body.account.id as string };
  return {
    cast,
    other,
    removed,
    blocked,
    tokens: {
      admin: cast.admin.accessToken,
      userManager: cast.userManager.accessToken,
      pro: cast.pro.accessToken,
      guest: cast.guest.accessToken,
      removed: removed.accessToken,
      blocked: blocked.accessToken,
      otherOrg: other.accessToken,
      anonymous: undefined,
    },
    credentials: {
      admin: cast.admin,
      userManager: cast.userManager,
      pro: cast.pro,
      guest: cast.guest,
      otherOrg: other,
    },
  };
}

let signIns = 0;

/** A new session for a live persona (its standing token for the others), e.g. for a call that signs out. */
export async function freshToken(t: TestServer, personas: Personas, persona: Persona): Promise<string | undefined> {
  if (!(LIVE_PERSONAS as readonly Persona[]).includes(persona)) return personas.tokens[persona];
  const { email, password } = personas.credentials[persona as LivePersona];
  signIns += 1;
  const res = await t.api('POST', '/api/v1/auth/login', { body: { email, password }, ip: `203.0.113.${signIns % 250}` });
  if (res.status !== 200 || !res.body.accessToken) throw new Error(`sign-in of ${persona} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.accessToken as string;
}

/** The session id inside an access token (its `sid` claim). */
export function sessionIdOf(accessToken: string): string {
  const payload = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString('utf8')) as { sid: string };
  return payload.sid;
}
