/** The account page's API calls: the person's own password and sessions, typed by the API contract. */
import type { Session } from '@contract/auth';
import { requestJson } from './http';

export type { Session };

export const changePassword = (currentPassword: string, newPassword: string) =>
  requestJson<{ sessionsEnded: number }>('POST', '/api/v1/auth/password', { currentPassword, newPassword });

export const listSessions = () => requestJson<{ sessions: Session[] }>('GET', '/api/v1/auth/sessions');

export const endSession = (sessionId: string) => requestJson<void>('DELETE', `/api/v1/auth/sessions/${encodeURIComponent(sessionId)}`);

import type { Enrollment } from '@contract/twoStep';
export type { Enrollment };

/** Signed in, of one's own accord: a new pending secret, then its first code turns 2-step verification on. */
export const enrollTwoStep = () => requestJson<Enrollment>('POST', '/api/v1/two-step/enroll', {});
export const activateTwoStep = (code: string) => requestJson<{ recoveryCodes: string[] }>('POST', '/api/v1/two-step/activate', { code });
