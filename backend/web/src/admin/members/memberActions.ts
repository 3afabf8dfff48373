/** The actions the admin page offers on a member, each shown only when the server's abilities allow it. */
import type { Member } from '@contract/members';

export type MemberAction =
  | 'resend'
  | 'edit'
  | 'makePro'
  | 'makeGuest'
  | 'grantAdmin'
  | 'revokeAdmin'
  | 'grantUserManager'
  | 'revokeUserManager'
  | 'signOut'
  | 'resetTwoStep'
  | 'remove';

export const ACTION_LABELS: Record<MemberAction, string> = {
  resend: 'Resend invitation',
  edit: 'Edit email or phone',
  makePro: 'Make pro',
  makeGuest: 'Make guest',
  grantAdmin: 'Make admin',
  revokeAdmin: 'Remove admin role',
  grantUserManager: 'Make user manager',
  revokeUserManager: 'Remove user manager role',
  signOut: 'Sign out everywhere',
  resetTwoStep: 'Reset 2-step verification',
  remove: 'Remove from organization',
};

export function actionsFor(m: Member): MemberAction[] {
  const a = m.abilities;
  const actions: MemberAction[] = [];
  if (a.canResend) actions.push('resend');
  if (a.canEditInvited && m.invitationId) actions.push('edit');
  if (a.canChangeType) actions.push(m.type === 'guest' ? 'makePro' : 'makeGuest');
  if (a.canGrantRoles) {
    actions.push(m.roles.includes('admin') ? 'revokeAdmin' : 'grantAdmin');
    actions.push(m.roles.includes('user_manager') ? 'revokeUserManager' : 'grantUserManager');
  }
  if (a.canSignOutEverywhere) actions.push('signOut');
  // Only someone who has 2-step has anything to reset.
  if (a.canResetTwoStep && m.twoStepVerified) actions.push('resetTwoStep');
  if (a.canRemove) actions.push('remove');
  return actions;
}
