/**
 * The standing a membership gives, as the rules read it: a pro (staff, on a seat) or a guest, and the admin and
 * user manager roles, which only an active pro holds. Every rule asks these, so no rule spells out a role check.
 */
import type { PolicyActor } from './verdict';

export const isActivePro = (actor: PolicyActor) => actor.membership.type === 'pro' && actor.membership.status === 'active';

export const isGuest = (actor: PolicyActor) => actor.membership.type === 'guest';

export const isAdmin = (actor: PolicyActor) => isActivePro(actor) && actor.membership.isAdmin;

/** Admins manage users too: the user manager role is the part of an admin's work that concerns people. */
export const managesUsers = (actor: PolicyActor) => isActivePro(actor) && (actor.membership.isAdmin || actor.membership.isUserManager);

/** The refusal sentence of a rule that needs a role: "You need the admin role to …". */
export const needsAdmin = (toDoWhat: string) => `You need the admin role to ${toDoWhat}.`;
export const needsUserManager = (toDoWhat: string) => `You need the admin or user manager role to ${toDoWhat}.`;
