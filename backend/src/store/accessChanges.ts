/**
 * Tells an instance when a session, an account (or one of its memberships) or an organization changed in a way that
 * can end or alter access. Migration 014's triggers send the news on commit of the change, on every path that
 * writes those rows; this side listens and names what changed. While the listening connection is down, changes go
 * unheard, so `onDown` says from when the news cannot be trusted and `onUp` from when it can again.
 */
import type { Database, Listening } from './db';

export const ACCESS_CHANNEL = 'sealpost_access';

export type AccessChange = { kind: 'session' | 'account' | 'organization'; id: string };

export interface AccessChangeHandlers {
  onChange(change: AccessChange): void;
  onUp(): void;
  onDown(): void;
}

const PAYLOAD = /^(session|account|organization):([0-9a-f-]{36})$/;

export function watchAccessChanges(db: Database, handlers: AccessChangeHandlers): Promise<Listening> {
  return db.listen(ACCESS_CHANNEL, {
    onNotify(payload) {
      const match = PAYLOAD.exec(payload);
      // Only our triggers send on this channel; anything else is treated as news about everything.
      if (!match) {
        handlers.onDown();
        handlers.onUp();
      } else handlers.onChange({ kind: match[1] as AccessChange['kind'], id: match[2]! });
    },
    onUp: handlers.onUp,
    onDown: handlers.onDown,
  });
}
