/**
 * The answers of the rules, serialized for pages: what the signed-in person may do in their organization
 * (`presentPolicies`, sent with GET /api/v1/me) and what they may do to one member (`memberAbilities`, sent with
 * each member). Pages show or hide actions by these and never judge roles themselves; the server still decides.
 */
import type { Abilities } from '../contract/me';
import { allows, type Action, type SubjectOf } from './authorize';
import type { MemberSubject } from './members';
import type { PolicyActor } from './verdict';

type SubjectlessAction = { [A in Action]: SubjectOf<A> extends [] ? A : never }[Action];

/** Each ability a page may ask about, and the rule that answers it. */
const ABILITIES = {
  inviteGuests: 'members.invite',
  invitePros: 'members.invitePros',
  manageMembers: 'members.manage',
  readSettings: 'organization.readSettings',
  changeSettings: 'organization.changeSettings',
  changeBranding: 'organization.changeBranding',
  buySeats: 'organization.buySeats',
  readAudit: 'organization.readAudit',
  listClients: 'organization.listClients',
  seeDomains: 'domains.list',
  manageDomains: 'domains.manage',
  writeToAnyone: 'messages.writeToAnyone',
  forwardMessages: 'messages.forward',
  recallMessages: 'messages.recall',
  recallAnyMessage: 'messages.recallAny',
  shortenExpiry: 'messages.shortenExpiry',
  requestSignatures: 'signatures.request',
} as const satisfies Record<keyof Abilities, SubjectlessAction>;

export type AbilityName = keyof typeof ABILITIES;
export type { Abilities };

export const ABILITY_NAMES = Object.keys(ABILITIES) as AbilityName[];

export function presentPolicies(actor: PolicyActor): Abilities {
  return Object.fromEntries(ABILITY_NAMES.map((name) => [name, allows(actor, ABILITIES[name])])) as Abilities;
}

export interface MemberAbilities {
  canEditInvited: boolean;
  canChangeType: boolean;
  canGrantRoles: boolean;
  canRemove: boolean;
  canSignOutEverywhere: boolean;
  canResetTwoStep: boolean;
}

export function memberAbilities(actor: PolicyActor, member: MemberSubject & { accountId: string }): MemberAbilities {
  return {
    canEditInvited: allows(actor, 'members.editInvited', member),
    canChangeType: allows(actor, 'members.changeType', member),
    canGrantRoles: allows(actor, 'members.grantRoles', member),
    canRemove: allows(actor, 'members.remove', member),
    canSignOutEverywhere: allows(actor, 'members.signOutEverywhere', member),
    canResetTwoStep: allows(actor, 'members.resetTwoStep', member),
  };
}
