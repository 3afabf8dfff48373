/**
 * Where the Smart Alerts handler gets its Sealpost credential and the organization's rules, so that both hold at
 * Send whether or not the task pane was ever opened on the message. Sources, tried in order:
 * 1. the pane's short-lived credential for this item (sessionData), when the pane is open;
 * 2. the handler's own device session: a separate Sealpost session (its own refresh-token family, started once
 *    with the pane's credential through POST /auth/device-sessions) kept in the device storage and refreshed here.
 * Nested app authentication (issue 14) slots in as a CredentialSource before both: a Microsoft token traded for a
 * Sealpost session needs no pane at all. The threat model of the device session is in addin/README.md.
 */
import { ApiError } from '../api/http';
import type { SealpostApi } from '../api/sealpostApi';
import type { Tokens } from '../api/sealpostApi';
import type { ItemCredential, SecureSendPolicy } from '../item/itemState';
import type { DeviceStorage } from '../office/deviceStorage';

export const DEVICE_KEYS = { session: 'sealpost.handler.session', profile: 'sealpost.handler.profile' } as const;

/**
 * The device storage keys of one Outlook account (userProfile.emailAddress): a second account on the same device
 * must not inherit the first person's device session and rules. Unkeyed only where the client names no user.
 */
export function deviceKeys(owner: string | null | undefined): { session: string; profile: string } {
  const suffix = owner ? `:${owner.trim().toLowerCase()}` : '';
  return { session: DEVICE_KEYS.session + suffix, profile: DEVICE_KEYS.profile + suffix };
}

/** An access token this close to expiry is not worth trying. */
export const EXPIRY_MARGIN_MS = 30_000;
/** The organization's rules are read again after this; an older copy still serves when Sealpost cannot answer. */
export const PROFILE_MAX_AGE_MS = 30 * 60_000;

export interface HandlerCredential {
  accessToken: string;
  apiBase: string;
  /** Where it came from: the pane's credential on this item is the freshest word on who is signed in. */
  source?: 'preferred' | 'item' | 'device';
}

/** One way of getting a credential; nested app authentication will be one (issue 14). */
export interface CredentialSource {
  readonly name: string;
  /** `owner`: the Outlook account sending (userProfile.emailAddress), so one account never gets another's session. */
  credential(owner: string | null): Promise<HandlerCredential | null>;
}

interface DeviceSession extends HandlerCredential {
  refreshToken: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/** What the handler needs to know about the signed-in person, from GET /me. */
export interface HandlerProfile {
  apiBase: string;
  accountEmail: string;
  organizationId: string;
  secureSendPolicy: SecureSendPolicy;
  /** Milliseconds since the epoch. */
  fetchedAt: number;
}

type LockManager = { request<T>(name: string, callback: () => Promise<T>): Promise<T> };

export interface HandlerSessionDeps {
  storage: DeviceStorage | null;
  apiFor(baseUrl: string): SealpostApi;
  now(): number;
  /** Web Locks where the runtime has them (browser runtimes), so two sends never spend one refresh token twice. */
  locks?: LockManager | null;
  /** Tried first when present (nested app authentication, issue 14). */
  preferred?: CredentialSource[];
  /** The Outlook account sending (userProfile.emailAddress): the device session and rules are kept per account. */
  owner?: string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isSession = (v: unknown): v is DeviceSession =>
  isObject(v) && typeof v.accessToken === 'string' && typeof v.refreshToken === 'string' && typeof v.expiresAt === 'number' && typeof v.apiBase === 'string';
const isProfile = (v: unknown): v is HandlerProfile =>
  isObject(v) && typeof v.apiBase === 'string' && typeof v.accountEmail === 'string' && typeof v.organizationId === 'string' &&
  typeof v.fetchedAt === 'number' &&
  (v.secureSendPolicy === 'user_choice' || v.secureSendPolicy === 'external_always');

export function handlerSession(deps: HandlerSessionDeps) {
  const { storage, now } = deps;
  const keys = deviceKeys(deps.owner);

  async function read<T>(key: string, valid: (v: unknown) => v is T): Promise<T | null> {
    if (!storage) return null;
    try {
      const value: unknown = JSON.parse((await storage.get(key)) ?? 'null');
      return valid(value) ? value : null;
    } catch {
      return null;
    }
  }
  const write = async (key: string, value: unknown) => {
    if (storage) await storage.set(key, JSON.stringify(value)).catch(() => undefined);
  };
  const fromTokens = (tokens: Tokens, apiBase: string): DeviceSession => ({
    accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: now() + tokens.expiresIn * 1000, apiBase,
  });
  const fresh = (expiresAt: number) => expiresAt - now() > EXPIRY_MARGIN_MS;
  const isFresh = (profile: HandlerProfile) => now() - profile.fetchedAt < PROFILE_MAX_AGE_MS && profile.fetchedAt <= now();

  /** Starts the handler's own session with the pane's credential, once per device (best effort). */
  async function adopt(credential: HandlerCredential, replace = false): Promise<void> {
    if (!storage || (!replace && (await read(keys.session, isSession)))) return;
    try {
      const tokens = await deps.apiFor(credential.apiBase).startDeviceSession(credential.accessToken);
      await write(keys.session, fromTokens(tokens, credential.apiBase));
    } catch {
      // The pane's credential serves this send; the next one tries again.
    }
  }

  async function refreshOnce(): Promise<DeviceSession | null> {
    // Another send may have refreshed while this one waited for the lock.
    const current = await read(keys.session, isSession);
    if (!current || fresh(current.expiresAt)) return current;
    try {
      const next = fromTokens(await deps.apiFor(current.apiBase).refresh(current.refreshToken), current.apiBase);
      await write(keys.session, next);
      return next;
    } catch (error) {
      // Sealpost said no (expired, revoked, removed, reused): this device signs in again. No answer: try later.
      if (error instanceof ApiError && !error.unreachable) {
        await storage?.remove(keys.session).catch(() => undefined);
        return null;
      }
      throw error;
    }
  }

  async function deviceCredential(): Promise<HandlerCredential | null> {
    const current = await read(keys.session, isSession);
    if (!current) return null;
    const session = fresh(current.expiresAt) ? current : await (deps.locks ? deps.locks.request('sealpost-handler-refresh', refreshOnce) : refreshOnce());
    return session && { accessToken: session.accessToken, apiBase: session.apiBase, source: 'device' };
  }

  return {
    /**
     * The first credential any source has, or null when this device must sign in. Throws ApiError (unreachable)
     * when only a refresh could tell and Sealpost did not answer.
     */
    async credential(item: ItemCredential | null): Promise<HandlerCredential | null> {
      for (const source of deps.preferred ?? []) {
        const found = await source.credential(deps.owner ?? null).catch(() => null);
        if (found) return { ...found, source: 'preferred' };
      }
      if (item && fresh(item.expiresAt)) {
        const credential: HandlerCredential = { accessToken: item.accessToken, apiBase: item.apiBase, source: 'item' };
        await adopt(credential);
        return credential;
      }
      return deviceCredential();
    },

    /**
     * Ends this device's handler session: forgets it, then signs it out at Sealpost (refreshed first when its access
     * token has lapsed, so the sign-out is accepted). The organization's rules stay: they are no secret, and they keep
     * "external mail must be secure" asking for a sign-in rather than sending in clear.
     */
    async signOut(): Promise<void> {
      const current = await read(keys.session, isSession);
      if (!current || !storage) return;
      await storage.remove(keys.session).catch(() => undefined);
      const api = deps.apiFor(current.apiBase);
      const token = fresh(current.expiresAt)
        ? current.accessToken
        : await api.refresh(current.refreshToken).then((t) => t.accessToken).catch(() => null);
      if (token) await api.logout(token).catch(() => undefined);
    },

    /** The last profile this device learnt, however old. */
    cachedProfile: () => read(keys.profile, isProfile),

    isFresh,

    /**
     * The profile for this credential: the cached one while fresh, else GET /me (falling back to the cached one when
     * Sealpost is silent). With the pane's credential it always asks: when the pane is signed in as another person
     * or organization than the device session, the device session is replaced, so the handler never sends as the
     * previous person.
     */
    async profile(credential: HandlerCredential): Promise<HandlerProfile> {
      const cached = await read(keys.profile, isProfile);
      const usable = cached && cached.apiBase === credential.apiBase ? cached : null;
      if (usable && isFresh(usable) && credential.source !== 'item') return usable;
      try {
        const me = await deps.apiFor(credential.apiBase).me(credential.accessToken);
        const profile: HandlerProfile = {
          apiBase: credential.apiBase,
          accountEmail: me.account.email.toLowerCase(),
          organizationId: me.organization.id,
          secureSendPolicy: me.organization.secureSendPolicy ?? 'user_choice',
          fetchedAt: now(),
        };
        const someoneElse = usable && (usable.accountEmail !== profile.accountEmail || usable.organizationId !== profile.organizationId);
        if (someoneElse && credential.source === 'item') await adopt(credential, true);
        await write(keys.profile, profile);
        return profile;
      } catch (error) {
        if (usable && error instanceof ApiError && error.unreachable) return usable;
        throw error;
      }
    },
  };
}

export type HandlerSession = ReturnType<typeof handlerSession>;
