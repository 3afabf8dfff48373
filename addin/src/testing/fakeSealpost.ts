/**
 * A stand-in for the Sealpost API in unit tests of the add-in's logic: classification by a table of addresses,
 * uploads and sends recorded, and any endpoint made to fail on request. End-to-end tests use the real backend.
 */
import { ApiError } from '../api/http';
import type { SealpostApi } from '../api/sealpostApi';
import type { Tokens } from '../api/sealpostApi';
import type { Outcome } from '@contract/errors';
import type { MessageSummary, SendMessageInput } from '@contract/messages';
import type { ClassifiedRecipient, OrganizationBrand } from '@contract/recipients';

export interface FakeSealpost {
  api: SealpostApi;
  /** Outcome per lower-case address; unknown addresses are new guests. */
  outcomes: Map<string, Outcome>;
  classifyCalls: { token: string; emails: string[] }[];
  /** The access tokens device sessions were started with. */
  deviceSessions: string[];
  /** The Entra access tokens traded at POST /auth/entra. */
  entraExchanges: string[];
  /** Tokens GET /me was called with. */
  meCalls: string[];
  /** Refresh tokens presented. */
  refreshCalls: string[];
  /** Access tokens whose sessions were signed out. */
  logouts: string[];
  uploads: { id: string; name: string; size: number; contentType?: string; bytes: number[] }[];
  sends: { token: string; input: SendMessageInput; key: string }[];
  /** Addresses that opened each sent message (by message id), and the ids recalled. */
  opened: Map<string, string[]>;
  recalled: string[];
  /** Makes the next calls of `method` fail with this error (or run this function instead). */
  failNext(method: keyof SealpostApi, error: ApiError | (() => Promise<never>), times?: number): void;
  tokens(overrides?: Partial<Tokens>): Tokens;
  /** Who GET /me says is signed in. */
  accountEmail: string;
  /** What GET /me says about the organization's secure-send policy. */
  secureSendPolicy: 'user_choice' | 'external_always';
  /** What classify answers as the brand when asked to include it. */
  brand: OrganizationBrand;
}

export const unreachable = () => new ApiError(0, 'network_error', 'Sealpost could not be reached. Check the connection and try again.');

export function createFakeSealpost(baseUrl = 'https://sealpost.example.com'): FakeSealpost {
  const outcomes = new Map<string, Outcome>();
  const failures = new Map<string, { error: ApiError | (() => Promise<never>); times: number }>();
  const fake: Omit<FakeSealpost, 'api'> = {
    outcomes,
    classifyCalls: [],
    deviceSessions: [],
    entraExchanges: [],
    meCalls: [],
    refreshCalls: [],
    logouts: [],
    uploads: [],
    sends: [],
    opened: new Map(),
    recalled: [],
    secureSendPolicy: 'user_choice',
    accountEmail: 'pat@clinic.example',
    brand: { organizationName: 'Harbor Clinic', accentColor: null, logoUrl: null },
    failNext(method, error, times = 1) {
      failures.set(method, { error, times });
    },
    tokens: (overrides = {}) => ({ tokenType: 'Bearer', accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn: 900, sessionId: 's', organizationId: 'o', ...overrides }),
  };
  const guard = async (method: string) => {
    const failure = failures.get(method);
    if (!failure || failure.times <= 0) return;
    failure.times -= 1;
    if (failure.error instanceof ApiError) throw failure.error;
    await failure.error();
  };
  const sent = new Map<string, { id: string; body: string }>();
  const summaryOf = (id: string, input: SendMessageInput): MessageSummary => ({
    id,
    threadId: id,
    subject: input.subject ?? '',
    from: { name: 'Pat Pro', email: fake.accountEmail },
    sentAt: '2027-01-01T09:00:00.000Z',
    unread: false,
    attachments: input.attachmentIds?.length ?? 0,
    expiresAt: input.expiresAt ?? null,
    unavailable: fake.recalled.includes(id) ? { reason: 'recalled', by: 'Pat Pro', at: '2027-01-01T11:00:00.000Z', note: null, forwarded: false } : null,
    recipients: [...(input.to ?? []).map((r) => ({ ...r, kind: 'to' as const })), ...(input.cc ?? []).map((r) => ({ ...r, kind: 'cc' as const }))].map((r) => ({
      name: r.displayName ?? r.email, email: r.email, kind: r.kind,
    })),
    noForwarding: input.noForwarding ?? false,
  });
  let fileCounter = 0;
  const membership = { organizationId: 'o', organizationName: 'Harbor Clinic', type: 'pro' as const, roles: [], status: 'active' as const };

  const api: SealpostApi = {
    baseUrl,
    login: async () => (await guard('login'), fake.tokens()),
    verifyTwoStep: async () => (await guard('verifyTwoStep'), fake.tokens()),
    refresh: async (refreshToken) => {
      await guard('refresh');
      fake.refreshCalls.push(refreshToken);
      return fake.tokens({ accessToken: 'access-2', refreshToken: 'refresh-2' });
    },
    startDeviceSession: async (token) => {
      await guard('startDeviceSession');
      fake.deviceSessions.push(token);
      return fake.tokens({ accessToken: 'device-access-1', refreshToken: 'device-refresh-1' });
    },
    exchangeEntraToken: async (accessToken) => {
      await guard('exchangeEntraToken');
      fake.entraExchanges.push(accessToken);
      return fake.tokens({ accessToken: `entra-session-${fake.entraExchanges.length}`, refreshToken: 'entra-refresh-1' });
    },
    logout: async (token) => {
      await guard('logout');
      fake.logouts.push(token);
    },
    me: async (token) => (
      await guard('me'),
      fake.meCalls.push(token),
      {
        account: { id: 'a', email: fake.accountEmail, name: 'Pat Pro', phone: null },
        organization: { id: 'o', name: 'Harbor Clinic', secureSendPolicy: fake.secureSendPolicy, noForwardingByDefault: false },
        membership,
        memberships: [membership],
        // a plain pro's abilities, as the server's policies answer them
        abilities: {
          inviteGuests: true, invitePros: false, manageMembers: false, readSettings: false, changeSettings: false, changeBranding: false,
          buySeats: false, readAudit: false, listClients: true, seeDomains: false, manageDomains: false, writeToAnyone: true,
          forwardMessages: true, recallMessages: true, recallAnyMessage: false, shortenExpiry: true, requestSignatures: true,
        },
      }
    ),
    async classify(token, recipients, options = {}) {
      await guard('classify');
      fake.classifyCalls.push({ token, emails: recipients.map((r) => r.email) });
      const seen = new Set<string>();
      const out: ClassifiedRecipient[] = [];
      for (const r of recipients) {
        const email = r.email.trim().toLowerCase();
        if (seen.has(email)) continue;
        seen.add(email);
        const valid = /^[^@\s]+@[^@\s]+$/.test(email);
        out.push({ input: r.email, email: valid ? email : null, displayName: r.displayName ?? null, outcome: valid ? outcomes.get(email) ?? 'new_guest' : 'invalid', ...(valid ? {} : { reason: 'bad_syntax' as const }) });
      }
      return { recipients: out, ...(options.includeBrand ? { brand: fake.brand } : {}) };
    },
    async sendMessage(token, input, key) {
      await guard('sendMessage');
      const body = JSON.stringify(input);
      const earlier = sent.get(key);
      if (earlier && earlier.body !== body) throw new ApiError(409, 'idempotency_conflict', 'This Idempotency-Key was already used for a different message.');
      fake.sends.push({ token, input, key });
      const id = earlier?.id ?? `00000000-0000-4000-8000-${String(sent.size + 1).padStart(12, '0')}`;
      sent.set(key, { id, body });
      return { id, threadId: id, portalUrl: `${baseUrl}/portal/messages/${id}`, invited: input.confirmedInvitations ?? [], replayed: Boolean(earlier) };
    },
    async sentMessages(_token, limit) {
      await guard('sentMessages');
      return [...sent.entries()].reverse().slice(0, limit).map(([key, m]) => summaryOf(m.id, fake.sends.find((s) => s.key === key)!.input));
    },
    async sentMessage(_token, messageId) {
      await guard('sentMessage');
      const entry = [...sent.entries()].find(([, m]) => m.id === messageId);
      if (!entry) throw new ApiError(404, 'not_found', 'No such message.');
      const { input } = fake.sends.find((s) => s.key === entry[0])!;
      const summary = summaryOf(messageId, input);
      const opened = fake.opened.get(messageId) ?? [];
      return {
        ...summary,
        html: input.html,
        inReplyTo: null,
        role: 'sender',
        files: [],
        signatureRequests: [],
        recipients: summary.recipients.map((r) => ({
          ...r, receipt: { delivered: true, firstOpenedAt: opened.includes(r.email) ? '2027-01-01T10:00:00.000Z' : null, lastOpenedAt: null, opens: opened.includes(r.email) ? 1 : 0 },
        })),
      };
    },
    async recall(_token, messageId) {
      await guard('recall');
      if (fake.recalled.includes(messageId)) throw new ApiError(409, 'already_recalled', 'This message was already recalled.');
      fake.recalled.push(messageId);
    },
    async startUpload(_token, file) {
      await guard('startUpload');
      const id = `f${(fileCounter += 1)}`;
      fake.uploads.push({ id, ...file, bytes: [] });
      return { id, name: file.name, size: file.size, contentType: file.contentType ?? 'application/octet-stream', uploadUrl: `/api/v1/uploads/${id}`,
        status: file.size === 0 ? 'complete' : 'uploading', received: 0, chunkMultiple: 65536 };
    },
    async uploadChunk(_token, uploadUrl, offset, bytes) {
      await guard('uploadChunk');
      const upload = fake.uploads.find((u) => uploadUrl.endsWith(`/${u.id}`))!;
      if (offset !== upload.bytes.length) throw new ApiError(409, 'offset_mismatch', 'wrong offset');
      upload.bytes.push(...bytes);
      return upload.bytes.length;
    },
  };
  // The same object, so a test changing secureSendPolicy changes what me() answers.
  return Object.assign(fake, { api });
}
