/**
 * Who may do what with the organization itself: its settings, single sign-on and branding (admins change them, user managers may
 * look), its seats and invoices (user managers buy seats, so they see what they cost), its audit log (admins), and
 * the staff views that only pros have: the client list and a share of the organization's daily mail allowance.
 */
import { isActivePro, isAdmin, managesUsers, needsAdmin, needsUserManager } from './roles';
import { ALLOWED, refuse, type PolicyActor, type Verdict } from './verdict';

const allowedIf = (ok: boolean, sentence: string): Verdict => (ok ? ALLOWED : refuse('forbidden', sentence));

export const organizationRules = {
  /** The settings, and what the organization's emails look like (the branding preview). */
  readSettings: (actor: PolicyActor) => allowedIf(managesUsers(actor), needsUserManager("see your organization's settings")),
  changeSettings: (actor: PolicyActor) => allowedIf(isAdmin(actor), needsAdmin("change your organization's settings")),
  changeBranding: (actor: PolicyActor) => allowedIf(isAdmin(actor), needsAdmin('change the branding')),
  /** The sign-in provider decides who gets in, so only admins see or change it. */
  manageSso: (actor: PolicyActor) => allowedIf(isAdmin(actor), needsAdmin('set up single sign-on')),
  /** Seats, their purchases and the invoices they add up to. */
  buySeats: (actor: PolicyActor) => allowedIf(managesUsers(actor), needsUserManager('see and buy seats')),
  /** Whoever pays for seats may also pay for fewer. */
  reduceSeats: (actor: PolicyActor) => allowedIf(managesUsers(actor), needsUserManager('reduce seats')),
  readAudit: (actor: PolicyActor) => allowedIf(isAdmin(actor), needsAdmin('read the audit log')),
  /** API tokens act with the standing of the admin who created them, so only admins make, see and revoke them. */
  manageApiTokens: (actor: PolicyActor) => allowedIf(isAdmin(actor), needsAdmin("manage your organization's API tokens")),
  /** Clients are a staff view: a guest's correspondents are the organization's staff, not clients. */
  listClients: (actor: PolicyActor) => allowedIf(isActivePro(actor), 'Only staff have a client list. Your conversations are in your inbox.'),
  /**
   * Only staff mail draws on the organization's daily allowance of invitations and notices: a guest's mail counts
   * against their own hourly allowance alone, so no guest can use up what the staff need.
   */
  spendMailAllowance: (actor: PolicyActor) =>
    allowedIf(isActivePro(actor), "A guest's mail counts against their own hourly allowance, not the organization's."),
};
