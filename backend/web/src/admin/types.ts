/** The shapes the admin page reads from the API, as its OpenAPI description documents them. */
export type MemberState = 'invited' | 'registered' | 'verified' | 'removed' | 'blocked';
export type Role = 'admin' | 'user_manager';

export interface Member {
  accountId: string;
  email: string;
  name: string;
  phone: string | null;
  type: 'pro' | 'guest';
  roles: Role[];
  status: 'invited' | 'active' | 'removed' | 'blocked';
  state: MemberState;
  twoStepVerified: boolean;
  lastLoginAt: string | null;
  joinedAt: string;
  invitationId: string | null;
  abilities: {
    canEditInvited: boolean;
    canChangeType: boolean;
    canGrantRoles: boolean;
    canRemove: boolean;
    canSignOutEverywhere: boolean;
    canResend: boolean;
  };
}

export interface MemberPage {
  members: Member[];
  next: string | null;
  total: number | null;
  totalIsCapped: boolean;
}

export interface Invitation {
  id: string;
  email: string;
  name: string | null;
  phone: string | null;
  type: 'pro' | 'guest';
  status: 'invited' | 'registered' | 'verified' | 'revoked';
  invitedBy: { id: string; name: string } | null;
  firstSentAt: string;
  lastSentAt: string;
  sendCount: number;
  expiresAt: string;
}

export interface MemberDetail {
  member: Member;
  invitations: Invitation[];
  liveSessions: number;
  history: { seq: number; action: string; actorName: string | null; at: string; data: Record<string, unknown> }[];
}

/** What the signed-in person may do (GET /api/v1/me `abilities`): the page shows actions by these alone. */
export interface Abilities {
  manageMembers: boolean;
  invitePros: boolean;
  changeSettings: boolean;
  changeBranding: boolean;
  manageDomains: boolean;
  readAudit: boolean;
  buySeats: boolean;
}

export interface Me {
  account: { id: string; email: string; name: string };
  organization: { id: string; name: string };
  abilities: Abilities;
}

export interface Settings {
  name: string;
  invitationExpiryDays: number;
  autoProvision: 'off' | 'guest' | 'pro';
  requireTwoStep: boolean;
  secureSendPolicy: 'user_choice' | 'external_always';
  activeWithoutTwoStep: number;
}

export interface Seats {
  purchased: number;
  used: number;
  free: number;
  unitPriceCents: number;
}

export interface Domain {
  id: string;
  domain: string;
  status: 'pending' | 'verified';
  txtRecord: { type: 'TXT'; name: string; value: string };
  createdAt: string;
  verifiedAt: string | null;
}

export interface InvoiceLine {
  purchasedAt: string;
  purchasedBy: { name: string; email: string };
  seats: number;
  unitPriceCents: number;
  amountCents: number;
}

export interface Invoice {
  period: string;
  number: string;
  periodStart: string;
  periodEnd: string;
  status: 'open' | 'closed';
  seats: number;
  includedSeats: number;
  amountCents: number;
  currency: string;
  lines: InvoiceLine[];
}

export interface AuditEvent {
  seq: number;
  at: string;
  action: string;
  actor: { id: string; name: string | null; email: string | null } | null;
  target: { type: string | null; id: string | null; label: string | null };
  data: Record<string, unknown>;
}
