/**
 * The names people read for audit actions: the log stores stable codes (member.removed), the admin page shows
 * "Member removed". An action without a name here (one added later) is still shown, spelled out from its code.
 */
const LABELS: Record<string, string> = {
  'account.blocked': 'Account blocked',
  'account.unblocked': 'Account unblocked',
  'account.password_changed': 'Password changed',
  'account.password_reset': 'Password reset by email link',
  'api_token.created': 'API token created',
  'api_token.revoked': 'API token revoked',
  'api_token.used': 'API token used',
  'audit.exported': 'Audit log exported',
  'domain.claimed': 'Domain claimed',
  'domain.removed': 'Domain removed',
  'domain.verified': 'Domain verified',
  'file.discarded': 'Unsent file discarded',
  'file.downloaded': 'File downloaded',
  'file.uploaded': 'File uploaded',
  'invitation.edited': 'Invitation corrected',
  'invitation.resent': 'Invitation sent again',
  'invitation.revoked': 'Invitation withdrawn',
  'invoice.emailed': 'Invoice emailed',
  'member.invited': 'Member invited',
  'member.provisioned': 'Member provisioned automatically',
  'member.registered': 'Member registered',
  'member.removed': 'Member removed',
  'member.roles_changed': 'Roles changed',
  'member.signed_out': 'Signed out everywhere by a manager',
  'member.two_step_reset': '2-step verification reset by a manager',
  'member.type_changed': 'Type changed',
  'members.exported': 'Members exported',
  'message.access_refused': 'Message access refused',
  'message.expiry_changed': 'Message expiry changed',
  'message.forwarded': 'Message forwarded',
  'message.opened': 'Message opened',
  'message.recalled': 'Message recalled',
  'message.sent': 'Message sent',
  'organization.branding_changed': 'Branding changed',
  'organization.created': 'Organization created',
  'organization.settings_changed': 'Settings changed',
  'organization.sso_changed': 'Single sign-on changed',
  'organization.sso_configured': 'Single sign-on set up',
  'organization.sso_removed': 'Single sign-on removed',
  'scim.user_created': 'Member provisioned by the directory (SCIM)',
  'scim.user_updated': 'Member updated by the directory (SCIM)',
  'seats.purchased': 'Seats bought',
  'seats.reduced': 'Seats reduced from next month',
  'session.ended': 'Signed out a session',
  'signature_request.completed': 'Signed document completed',
  'signature_request.consented': 'Agreed to sign electronically',
  'signature_request.created': 'Signatures requested',
  'signature_request.declined': 'Declined to sign',
  'signature_request.field_filled': 'Signature field filled in',
  'signature_request.reminded': 'Signer reminded by email',
  'signature_request.signed': 'Document signed',
  'signature_request.viewed': 'Document viewed for signing',
  'signature_request.voided': 'Signature request voided',
  'session.entra_signed_in': 'Signed in from Outlook with Microsoft 365',
  'session.sso_signed_in': 'Signed in with single sign-on',
  'session.started': 'Signed in',
  'two_step.enabled': '2-step verification set up',
  'two_step.recovery_code_used': 'Recovery code used',
};

/** "member.two_step_reset" → "Member: two step reset", for actions the table does not name yet. */
function spelledOut(action: string): string {
  const [family = '', rest = ''] = action.split('.', 2);
  const words = (s: string) => s.replace(/_/g, ' ');
  const head = words(family).replace(/^./, (c) => c.toUpperCase());
  return rest ? `${head}: ${words(rest)}` : head;
}

export const actionLabel = (action: string): string => LABELS[action] ?? spelledOut(action);
