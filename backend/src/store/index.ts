/**
 * The repository contract: everything the rest of the backend may ask of storage.
 * `openStore` gives the PostgreSQL implementation (PGlite or a server); a MongoDB adapter will implement `Store` too
 * and pass the same contract tests.
 */
import { accountRepository, type AccountRepository } from './accounts';
import { apiTokenRepository, type ApiTokenRepository } from './apiTokens';
import { auditRepository, linkAll, type AuditRepository } from './audit';
import { auditSearchRepository, type AuditSearchRepository } from './auditSearch';
import { brandingRepository, type BrandingRepository } from './branding';
import { clientRepository, type ClientRepository } from './clients';
import { draftRepository, type DraftRepository } from './drafts';
import { handoverRepository, type HandoverRepository } from './handovers';
import { watchAccessChanges, type AccessChangeHandlers } from './accessChanges';
import { openPglite, openPostgres, type Database, type Listening, type Queryable } from './db';
import { domainRepository, type DomainRepository } from './domains';
import { fileRepository, type FileRepository } from './files';
import { invitationRepository, type InvitationRepository } from './invitations';
import { invoiceRepository, type InvoiceRepository } from './invoices';
import { memberHistoryRepository, type MemberHistoryRepository } from './memberHistory';
import { membershipRepository, type MembershipRepository } from './memberships';
import { keyRotationRepository, type KeyRotationRepository } from './keyRotation';
import { messageRepository, type MessageRepository } from './messages';
import { migrate, migrationsComplete } from './migrate';
import { oneTimeTokenRepository, type OneTimeTokenRepository } from './oneTimeTokens';
import { organizationRepository, type OrganizationRepository } from './organizations';
import { outboxRepository, type OutboxRepository } from './outbox';
import { rateLimitRepository, type RateLimitRepository } from './rateLimits';
import { recipientRepository, type RecipientRepository } from './recipients';
import { scimUserRepository, type ScimUserRepository } from './scimUsers';
import { sessionRepository, type SessionRepository } from './sessions';
import { signatureRepository, type SignatureRepository } from './signatures';
import { ssoProviderRepository, type SsoProviderRepository } from './ssoProviders';
import { entraLinkRepository, type EntraLinkRepository } from './entraLinks';
import { twoStepRepository, type TwoStepRepository } from './twoStep';
import { uploadLeaseRepository, type UploadLeaseRepository } from './uploadLeases';

export * from './types';
export { DomainTakenError, type OrgDomain } from './domains';
export { UniqueConflict } from './uniqueConflict';
export type { AccessChange, AccessChangeHandlers } from './accessChanges';
export type { Listening } from './db';
export type { FileStatus, NewFile, StoredFile } from './files';
export type { Invitation, InvitationByToken, InvitationListing } from './invitations';
export type { MemberListing } from './memberships';
export type { MemberFilter, MemberPageQuery, MemberRoleFilter, MemberSort, MemberState } from './memberQuery';
export type { RecipientFacts } from './recipients';
export type { MessageListing, MessageRecipient, NewMessage, RecipientKind, StoredMessage } from './messages';
export type { ClientListing, ClientQuery } from './clients';
export type { Successor } from './handovers';
export type { StoredDraft } from './drafts';
export type { EndedSession } from './sessions';
export type { TwoStepSecret } from './twoStep';
export type { DueReminder, ReminderCursor, SignatureEvent, SignatureFieldKind, SigningOrder, StoredSignatureField, StoredSignatureRequest, StoredSigner } from './signatures';
export { auditActor, type AuditActor, type AuditTarget, type AuditVerification } from './audit';
export type { AuditListing, AuditQuery } from './auditSearch';
export type { MemberEvent } from './memberHistory';
export type { BillingDetails, IssuedNumber, SeatPurchase, SeatReduction } from './invoices';
export type { ApiToken, NewApiToken } from './apiTokens';
export type { ScimIdentity, ScimUserQuery, ScimUserRow } from './scimUsers';
export type { Branding, LogoType } from './branding';
export type { EntraUser } from './entraLinks';
export { SsoDomainNotCoverableError, type CoveredDomain, type SaveSsoProvider, type SsoProvider, type SsoProviderKind } from './ssoProviders';

export interface Repositories {
  accounts: AccountRepository;
  organizations: OrganizationRepository;
  memberships: MembershipRepository;
  sessions: SessionRepository;
  oneTimeTokens: OneTimeTokenRepository;
  outbox: OutboxRepository;
  audit: AuditRepository;
  rateLimits: RateLimitRepository;
  domains: DomainRepository;
  invitations: InvitationRepository;
  recipients: RecipientRepository;
  twoStep: TwoStepRepository;
  messages: MessageRepository;
  files: FileRepository;
  keyRotation: KeyRotationRepository;
  memberHistory: MemberHistoryRepository;
  auditSearch: AuditSearchRepository;
  invoices: InvoiceRepository;
  branding: BrandingRepository;
  clients: ClientRepository;
  handovers: HandoverRepository;
  drafts: DraftRepository;
  ssoProviders: SsoProviderRepository;
  entraLinks: EntraLinkRepository;
  uploadLeases: UploadLeaseRepository;
  signatures: SignatureRepository;
  apiTokens: ApiTokenRepository;
  scimUsers: ScimUserRepository;
}

export interface Store extends Repositories {
  /** Runs `fn` in one database transaction; everything done through `tx` commits or rolls back together. */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Listens for committed changes that can end or alter someone's access (see store/accessChanges.ts). */
  watchAccessChanges(handlers: AccessChangeHandlers): Promise<Listening>;
  /** True when the database answers and every migration is applied. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
  readonly db: Database;
}

function repositories(q: Queryable, inTransaction: <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T>): Repositories {
  const audit = auditRepository(q, inTransaction);
  // Readers of the audit log link what is committed first, so they see every event with its place in the chain.
  const linkAudit = () => linkAll(audit.link);
  return {
    accounts: accountRepository(q),
    organizations: organizationRepository(q),
    memberships: membershipRepository(q),
    sessions: sessionRepository(q),
    oneTimeTokens: oneTimeTokenRepository(q),
    outbox: outboxRepository(q),
    audit,
    rateLimits: rateLimitRepository(q),
    domains: domainRepository(q),
    invitations: invitationRepository(q),
    recipients: recipientRepository(q),
    messages: messageRepository(q),
    files: fileRepository(q),
    keyRotation: keyRotationRepository(q),
    memberHistory: memberHistoryRepository(q, linkAudit),
    auditSearch: auditSearchRepository(q, linkAudit),
    invoices: invoiceRepository(q),
    branding: brandingRepository(q),
    clients: clientRepository(q),
    handovers: handoverRepository(q),
    drafts: draftRepository(q),
    twoStep: twoStepRepository(q),
    ssoProviders: ssoProviderRepository(q, inTransaction),
    entraLinks: entraLinkRepository(q),
    uploadLeases: uploadLeaseRepository(q),
    signatures: signatureRepository(q),
    apiTokens: apiTokenRepository(q),
    scimUsers: scimUserRepository(q),
  };
}

export function storeFor(db: Database): Store {
  return {
    ...repositories(db, (fn) => db.transaction(fn)),
    db,
    transaction: (fn) => db.transaction((tx) => fn(repositories(tx, (inner) => inner(tx)))),
    watchAccessChanges: (handlers) => watchAccessChanges(db, handlers),
    async isReady() {
      try {
        return await migrationsComplete(db);
      } catch {
        return false;
      }
    },
    close: () => db.close(),
  };
}

export interface StoreOptions {
  databaseUrl?: string;
  poolSize?: number;
  /** PGlite directory; omitted means in memory. Ignored when databaseUrl is set. */
  pgliteDir?: string;
  /** PostgreSQL schema to use (tests isolate themselves in one). */
  searchPath?: string;
}

/** Opens the database and applies pending migrations. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const db = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.poolSize ?? 10, options.searchPath)
    : await openPglite(options.pgliteDir);
  await migrate(db);
  return storeFor(db);
}
