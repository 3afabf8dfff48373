/** The records the repositories hand out. A MongoDB adapter returns these same shapes. */
export type MembershipType = 'pro' | 'guest';
export type MembershipStatus = 'invited' | 'active' | 'removed' | 'blocked';

export interface Account {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  passwordHash: string | null;
  blockedAt: Date | null;
  createdAt: Date;
}

export type AutoProvision = 'off' | 'guest' | 'pro';
/** Whether the add-in leaves "Send securely" to the sender, or turns it on whenever a recipient is external. */
export type SecureSendPolicy = 'user_choice' | 'external_always';

export interface Organization {
  id: string;
  name: string;
  seatsPurchased: number;
  invitationExpiryDays: number;
  autoProvision: AutoProvision;
  requireTwoStep: boolean;
  secureSendPolicy: SecureSendPolicy;
  /** New messages start with "no forwarding" unless their sender says otherwise. */
  noForwardingByDefault: boolean;
  createdAt: Date;
}

export interface Membership {
  organizationId: string;
  accountId: string;
  type: MembershipType;
  isAdmin: boolean;
  isUserManager: boolean;
  status: MembershipStatus;
  createdAt: Date;
  lastLoginAt: Date | null;
}

export interface MembershipWithOrganization extends Membership {
  organizationName: string;
}

export interface Session {
  id: string;
  accountId: string;
  organizationId: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  /** When the holder passed the second step of sign-in; null when the session was started with a password only. */
  twoStepAt: Date | null;
  /** Set on a device session: the session that started it. */
  parentSessionId: string | null;
  /** When the organization's identity provider started this session; null for any other sign-in. */
  providerSignInAt: Date | null;
}

/** Everything an authenticated request needs, read in one round trip. */
export interface SessionContext {
  session: Session;
  account: Account;
  organization: Organization;
  membership: Membership;
}

export type OneTimePurpose = 'signup' | 'password_reset' | 'two_step_challenge';

export interface OneTimeToken {
  tokenHash: string;
  purpose: OneTimePurpose;
  accountId: string | null;
  email: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface OutboxEmail {
  id: string;
  organizationId: string | null;
  template: string;
  toAddress: string;
  sealed: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface AuditEvent {
  id: string;
  organizationId: string;
  seq: number;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
  prevHash: string | null;
  hash: string;
}

/** An event as recorded, before the linker gives it its place in the chain (seq, prevHash, hash). */
export type AppendedAuditEvent = Omit<AuditEvent, 'seq' | 'prevHash' | 'hash'>;

export interface NewAuditEvent {
  organizationId: string;
  actorId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
}
