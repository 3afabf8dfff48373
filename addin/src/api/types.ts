/** The backend's answers the add-in reads, field by field (see GET /api/openapi.json). */

import type { Outcome } from '../../../backend/web/src/shared/recipientOutcome';

export type { Outcome };

export interface ClassifiedRecipient {
  input: string;
  /** Normalized address; null for an unusable entry (outcome "invalid"). */
  email: string | null;
  displayName: string | null;
  outcome: Outcome;
  reason?: 'no_address' | 'bad_syntax' | 'too_long';
  /** A first-time recipient whose domain imitates the sender's or a known one (backend/src/recipients/lookalike.ts). */
  lookalike?: { resembles: string; reason: 'confusable' | 'punycode' | 'one_edit' | 'hyphen' | 'other_tld' };
}

/** The organization's look, for the notice that replaces a secure message's body (classify with include=brand). */
export interface OrganizationBrand {
  organizationName: string;
  /** #rrggbb, or null for Sealpost's default. */
  accentColor: string | null;
  logoUrl: string | null;
}

export interface Classification {
  recipients: ClassifiedRecipient[];
  seats?: { purchased: number; used: number; remaining: number };
  /** Only when asked for, and absent from backends that predate it. */
  brand?: OrganizationBrand;
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  sessionId: string;
  organizationId: string;
}

export interface TwoStepChallenge {
  twoStep: 'verify' | 'enroll';
  challengeToken: string;
  expiresIn: number;
}

export interface Me {
  account: { id: string; email: string; name: string };
  /** secureSendPolicy is absent from backends that predate it: treat as 'user_choice'. */
  organization: { id: string; name: string; secureSendPolicy?: 'user_choice' | 'external_always' };
  membership: { type: 'pro' | 'guest'; roles: string[] };
}

export interface MessageRecipientInput {
  email: string;
  displayName?: string;
}

export interface SendMessageInput {
  subject: string;
  html: string;
  to: MessageRecipientInput[];
  cc: MessageRecipientInput[];
  bcc: MessageRecipientInput[];
  attachmentIds: string[];
  confirmedInvitations: string[];
  deliveredByClient: true;
  /** ISO time after which no recipient can open it (the sender's choice in the pane). */
  expiresAt?: string;
}

/** Why a sent message can no longer be opened. */
export interface Unavailable {
  reason: 'recalled' | 'expired';
  by: string | null;
  at: string;
}

/** One entry of GET /api/v1/messages?box=sent. */
export interface SentSummary {
  id: string;
  subject: string | null;
  sentAt: string;
  expiresAt: string | null;
  unavailable: Unavailable | null;
  recipients: { name: string; email: string; kind: 'to' | 'cc' | 'bcc' }[];
}

/** GET /api/v1/messages/{id} as its sender sees it: read receipts per recipient. */
export interface SentDetail extends Omit<SentSummary, 'recipients'> {
  recipients: {
    name: string;
    email: string;
    kind: 'to' | 'cc' | 'bcc';
    receipt?: { delivered: boolean; firstOpenedAt: string | null; lastOpenedAt: string | null; opens: number };
  }[];
}

export interface SentMessage {
  id: string;
  threadId: string;
  portalUrl: string;
  invited: string[];
  replayed: boolean;
}

export interface StartedUpload {
  id: string;
  uploadUrl: string;
  status: 'uploading' | 'complete';
  received: number;
  /** Chunks should be multiples of this many bytes (the last may be shorter). */
  chunkMultiple: number;
}
