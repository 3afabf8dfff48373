/**
 * This instance's memory of live sessions: the session, account, organization and membership that authenticate()
 * would otherwise read from the database on every request. An entry is forgotten as soon as the database says its
 * session, account, membership or organization changed (store/accessChanges.ts, sent on commit to every instance),
 * so sign-out, revocation, removal, blocking, role changes and organization switches count on the next request
 * everywhere. While the listening connection is down or coming back, nothing is remembered or answered from memory:
 * every request reads the database, because a change told meanwhile was lost. A short lifetime bounds what a
 * missed notice could cost, and a size bound (least recently used first out) what memory it takes.
 */
import type { Listening, SessionContext, Store } from '../store';

export interface SessionCache {
  /** As store.sessions.findLiveContext, from memory when that can be trusted. */
  findLiveContext(sessionId: string): Promise<SessionContext | null>;
  /** Whether answers may come from memory now (the listening connection is up). */
  readonly trusted: boolean;
  readonly size: number;
  stop(): Promise<void>;
}

export interface SessionCacheOptions {
  maxEntries?: number;
  ttlMs?: number;
}

interface Entry {
  context: SessionContext;
  /** Milliseconds since the epoch after which the entry is read again from the database. */
  staleAt: number;
}

export async function startSessionCache(store: Store, options: SessionCacheOptions = {}): Promise<SessionCache> {
  const maxEntries = options.maxEntries ?? 10_000;
  const ttlMs = options.ttlMs ?? 30_000;
  // Map keeps insertion order: re-inserting on every hit makes the first key the least recently used.
  const entries = new Map<string, Entry>();
  let trusted = false;
  // Counts every notice and every loss of the listener: a database read that overlapped one may be older than the
  // change it announced, so its answer is used but not kept.
  let generation = 0;

  const forgetAll = () => {
    generation++;
    entries.clear();
  };

  const listening: Listening = await store.watchAccessChanges({
    onChange(change) {
      generation++;
      if (change.kind === 'session') {
        entries.delete(change.id);
        return;
      }
      for (const [sessionId, { context }] of entries) {
        const owner = change.kind === 'account' ? context.account.id : context.organization.id;
        if (owner === change.id) entries.delete(sessionId);
      }
    },
    onUp() {
      // what was said while down is lost: start from nothing
      forgetAll();
      trusted = true;
    },
    onDown() {
      trusted = false;
      forgetAll();
    },
  });

  return {
    get trusted() {
      return trusted;
    },
    get size() {
      return entries.size;
    },
    async findLiveContext(sessionId) {
      const now = Date.now();
      if (trusted) {
        const hit = entries.get(sessionId);
        if (hit && hit.staleAt > now) {
          entries.delete(sessionId);
          entries.set(sessionId, hit);
          return hit.context;
        }
        if (hit) entries.delete(sessionId);
      }
      const before = generation;
      const context = await store.sessions.findLiveContext(sessionId);
      if (context && trusted && generation === before) {
        entries.set(sessionId, { context, staleAt: Math.min(now + ttlMs, context.session.expiresAt.getTime()) });
        if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      }
      return context;
    },
    async stop() {
      trusted = false;
      entries.clear();
      await listening.close();
    },
  };
}
