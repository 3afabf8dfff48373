/**
 * The task pane's sign-in: tokens from the sign-in dialog kept in the pane's own storage (the refresh token
 * never leaves the pane), an access token refreshed shortly before it expires, and one refresh at a time across
 * panes (Web Locks where the webview has them), because reusing a spent refresh token signs the session out.
 */
import { ApiError } from '../../api/http';
import type { SealpostApi } from '../../api/sealpostApi';
import type { Tokens } from '../../api/sealpostApi';

export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface SessionStorage {
  load(): StoredSession | null;
  save(session: StoredSession | null): void;
}

const STORAGE_KEY = 'sealpost.session';

export function webSessionStorage(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>): SessionStorage {
  return {
    load() {
      try {
        const value = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null') as Partial<StoredSession> | null;
        if (value && typeof value.accessToken === 'string' && typeof value.refreshToken === 'string' && typeof value.expiresAt === 'number') {
          return value as StoredSession;
        }
      } catch {
        // unreadable: signed out
      }
      return null;
    },
    save(session) {
      if (session) storage.setItem(STORAGE_KEY, JSON.stringify(session));
      else storage.removeItem(STORAGE_KEY);
    },
  };
}

const AUTOMATIC_SIGN_IN_KEY = 'sealpost.microsoftSignIn';

/** Whether the pane signs in with Microsoft by itself when it opens: yes unless the person signed out here. */
export function automaticSignIn(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>) {
  return {
    allowed: () => storage.getItem(AUTOMATIC_SIGN_IN_KEY) !== 'off',
    set(allowed: boolean) {
      if (allowed) storage.removeItem(AUTOMATIC_SIGN_IN_KEY);
      else storage.setItem(AUTOMATIC_SIGN_IN_KEY, 'off');
    },
  };
}

/** Refresh this long before expiry, so the handler never gets a token about to lapse. */
export const REFRESH_MARGIN_MS = 120_000;

type LockManager = { request<T>(name: string, callback: () => Promise<T>): Promise<T> };

export interface SessionManagerOptions {
  api: SealpostApi;
  storage: SessionStorage;
  now(): number;
  locks?: LockManager;
}

export function createSessionManager({ api, storage, now, locks }: SessionManagerOptions) {
  let inFlight: Promise<StoredSession | null> | null = null;

  const fromTokens = (tokens: Tokens): StoredSession => ({
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: now() + tokens.expiresIn * 1000,
  });
  const fresh = (s: StoredSession | null) => s !== null && s.expiresAt - now() > REFRESH_MARGIN_MS;

  async function refreshOnce(): Promise<StoredSession | null> {
    // Another pane may have refreshed while this one waited for the lock.
    const current = storage.load();
    if (!current || fresh(current)) return current;
    try {
      const next = fromTokens(await api.refresh(current.refreshToken));
      storage.save(next);
      return next;
    } catch (error) {
      // Sealpost said no: the session is over. No answer at all: keep it and try again later.
      if (error instanceof ApiError && !error.unreachable) storage.save(null);
      throw error;
    }
  }

  return {
    current: () => storage.load(),

    /** A session whose access token has a while to live, refreshing if needed; null when signed out. */
    async valid(): Promise<StoredSession | null> {
      const current = storage.load();
      if (!current || fresh(current)) return current;
      inFlight ??= (locks ? locks.request('sealpost-session-refresh', refreshOnce) : refreshOnce()).finally(() => {
        inFlight = null;
      });
      return inFlight;
    },

    signedIn(tokens: Tokens): StoredSession {
      const session = fromTokens(tokens);
      storage.save(session);
      return session;
    },

    async signOut(): Promise<void> {
      const current = storage.load();
      storage.save(null);
      if (current) await api.logout(current.accessToken).catch(() => undefined);
    },
  };
}

export type SessionManager = ReturnType<typeof createSessionManager>;
