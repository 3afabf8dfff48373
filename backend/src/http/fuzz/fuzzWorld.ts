/**
 * The world the fuzz suites attack: a real server whose log is watched, the eight personas, ids of real records of
 * both organizations, and the invariants every answer must keep (no 5xx, no slow answer, the process alive, a refused
 * request changes nothing, no secret in the log). An error nobody caught, which would end a production process, fails
 * the running test by itself: jest reports it with its stack.
 */
import { changedTables, digestTables } from '../../store/testing/tableDigest';
import { sendAs, inviteAndRegister, uniqueEmail } from '../../testing/members';
import { castPersonas, freshToken, LIVE_PERSONAS, sessionIdOf, type Persona, type Personas } from '../../testing/personas';
import { rawRequest, type RawAnswer } from '../../testing/rawHttp';
import { entraServerEnv, startTestEntra } from '../../testing/entraTokens';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { uploadBytes } from '../../routes/files/testSupport';
import { secretsInLog, watchLog, type LogWatch } from './logWatch';
import { describeRequest, onTheWire, type FuzzRequest, type IdPool } from './requests';
import { knowRealValues } from './schemaValues';

/** No answer may take longer than this (the bound); past GIVE_UP_MS the request counts as hung. */
export const SLOW_MS = 2_000;
const GIVE_UP_MS = 10_000;

export interface FuzzWorld {
  t: TestServer;
  personas: Personas;
  pool: IdPool;
  log: LogWatch;
  /** SCIM takes only API tokens: the admins of both organizations call /scim/v2 with a `scim` token of their own. */
  apiTokens: Partial<Record<Persona, string>>;
  stop(): Promise<void>;
}

export async function startFuzzWorld(name: string): Promise<FuzzWorld> {
  const log = watchLog();
  // Microsoft sign-in from Outlook switched on, with Microsoft's keys on loopback, so its route checks hostile tokens.
  const entra = await startTestEntra();
  const t = await startTestServer({ env: { LOG_LEVEL: 'info', ...entraServerEnv(entra) }, logTo: log.stream });
  const personas = await castPersonas(t, name);
  const pool = await idPool(t, personas);
  const { cast } = personas;
  const scimToken = async (adminToken: string) =>
    (await t.api('POST', '/api/v1/organization/api-tokens', { token: adminToken, body: { name: 'Fuzz directory', scopes: ['scim'] } })).body as { id: string; token: string };
  const [ourScim, theirScim] = [await scimToken(cast.admin.accessToken), await scimToken(personas.other.accessToken)];
  // tokens of their own for the revoke route to destroy, so the SCIM routes keep theirs
  pool.tokenId = [(await scimToken(cast.admin.accessToken)).id, (await scimToken(personas.other.accessToken)).id];
  pool.userId = pool.accountId!;
  const emails = [cast.admin.email, cast.userManager.email, cast.pro.email, cast.guest.email, personas.removed.email, personas.blocked.email, personas.other.email];
  knowRealValues({ ...pool, email: emails, confirmedInvitations: emails, attachmentIds: pool.fileId!, accountIds: pool.accountId!, inReplyTo: pool.messageId! });
  return {
    t,
    personas,
    pool,
    log,
    apiTokens: { admin: ourScim.token, otherOrg: theirScim.token },
    async stop() {
      await t.stop();
      await entra.stop();
    },
  };
}

/** Real records of both organizations, made for the suite so that destroying them harms no persona. */
async function idPool(t: TestServer, personas: Personas): Promise<IdPool> {
  const { cast, other } = personas;
  const admin = cast.admin.accessToken;
  const fileId = await uploadBytes(t, admin, Buffer.from('fuzz file'), { name: 'notes.txt' });
  const ours = await sendAs(t, admin, { subject: 'Fuzz', to: [{ email: cast.pro.email }, { email: cast.guest.email }], attachmentIds: [fileId] });
  const theirs = await sendAs(t, other.accessToken, { subject: 'Theirs', to: [{ email: 'outsider@client.example' }], confirmedInvitations: ['outsider@client.example'] });
  const upload = await t.api('POST', '/api/v1/uploads', { token: cast.pro.accessToken, body: { name: 'part.bin', size: 100 } });
  const theirUpload = await t.api('POST', '/api/v1/uploads', { token: other.accessToken, body: { name: 'theirs.bin', size: 100 } });
  const member = await inviteAndRegister(t, cast.admin, { type: 'guest', name: 'Sac Rificial' });
  const invite = (token: string) => t.api('POST', '/api/v1/invitations', { token, body: { email: uniqueEmail('fuzz') } });
  const domain = (token: string, host: string) => t.api('POST', '/api/v1/domains', { token, body: { domain: host } });
  const ids = (...answers: { body: { id?: string } }[]) => answers.map((a) => a.body.id).filter((id): id is string => Boolean(id));
  return {
    messageId: [ours.id, theirs.id],
    threadId: [ours.threadId, theirs.threadId],
    fileId: [fileId, ...ids(upload, theirUpload)],
    accountId: [member.accountId, cast.guest.accountId, other.accountId],
    invitationId: ids(await invite(admin), await invite(other.accessToken)),
    domainId: ids(await domain(admin, 'fuzz-ours.example'), await domain(other.accessToken, 'fuzz-theirs.example')),
    sessionId: [sessionIdOf((await freshToken(t, personas, 'pro'))!), sessionIdOf(other.accessToken)],
    organizationId: [cast.organizationId, other.organizationId],
    period: [new Date().toISOString().slice(0, 7)],
  };
}

/**
 * A live persona whose session a fuzzed request ended (sign-out, switching organization) signs in again, so later
 * requests still reach past authentication. If it cannot (say 2-step became required), it goes on as it is.
 */
export async function keepAlive(world: FuzzWorld, persona: Persona): Promise<void> {
  if (!(LIVE_PERSONAS as readonly Persona[]).includes(persona)) return;
  const me = await world.t.api('GET', '/api/v1/me', { token: world.personas.tokens[persona] });
  if (me.status === 200) return;
  try {
    world.personas.tokens[persona] = await freshToken(world.t, world.personas, persona);
  } catch {
    // stays signed out: its requests still test the refusal path
  }
}

export interface Verdict {
  answer: RawAnswer;
  violations: string[];
}

let requests = 0;

/** Sends one request as the persona and lists every invariant it broke. */
export async function attack(world: FuzzWorld, persona: Persona, req: FuzzRequest): Promise<Verdict> {
  const { t, log, personas } = world;
  await keepAlive(world, persona);
  const before = await digestTables(t.store);
  const firstLine = log.lines.length;
  requests += 1;
  const token = req.target.startsWith('/scim/') ? (world.apiTokens[persona] ?? personas.tokens[persona]) : personas.tokens[persona];
  const answer = await rawRequest(t.url, onTheWire(req, t.url, { token, ip: `10.${(requests >> 8) % 256}.${requests % 256}.7`, giveUpMs: GIVE_UP_MS }));
  const violations: string[] = [];
  // FUZZ_DEBUG=1 shows how far requests get: a suite whose requests all stop at validation tests little
  if (process.env.FUZZ_DEBUG) console.log(`${persona} ${answer.status} ${answer.code ?? ''} ${describeRequest(req).slice(0, 200)}`);
  if (answer.status === 0) violations.push(`no answer: ${answer.error}`);
  if (answer.status >= 500) violations.push(`a server error (${answer.status} ${answer.code ?? ''})`);
  if (answer.ms > SLOW_MS) violations.push(`a slow answer (${Math.round(answer.ms)} ms)`);
  const health = await rawRequest(t.url, onTheWire({ method: 'GET', target: '/health', headers: {}, framing: 'length', secrets: [] }, t.url, { giveUpMs: GIVE_UP_MS }));
  if (health.status !== 200) violations.push(`the server stopped answering /health (${health.error ?? health.status})`);
  if (answer.status === 0 || answer.status >= 400) {
    const changed = changedTables(before, await digestTables(t.store));
    if (changed.length) violations.push(`a refused request changed ${changed.join(', ')}`);
  }
  const known = [...req.secrets, ...Object.values(personas.credentials).map((c) => c.password), personas.cast.pro.refreshToken, personas.cast.guest.refreshToken];
  violations.push(...secretsInLog(log.lines.slice(firstLine), known));
  return { answer, violations };
}

/** The failure message: everything needed to see and replay the case. */
export function report(route: string, persona: Persona, req: FuzzRequest, verdict: Verdict, seed: number): string {
  const { answer } = verdict;
  return [
    `${route} as ${persona}: ${verdict.violations.join('; ')}`,
    `  answer: ${answer.status} ${answer.code ?? ''} in ${Math.round(answer.ms)} ms ${answer.body.slice(0, 200)}`,
    `  request: ${describeRequest(req)}`,
    `  replay: npm run fuzz -- --seed ${seed} --route "${route}"`,
  ].join('\n');
}
