/**
 * Every stable error code the backend answers with (application/problem+json `code`), and what the recipient
 * classification says of an address. The server's AppError accepts only these codes and errors.test.ts proves
 * each is sent somewhere, so clients can switch on them without guessing.
 */
import { z } from 'zod';

export const errorCodes = [
  // any request
  'invalid_request', 'malformed_json', 'invalid_text', 'malformed_path', 'bad_request', 'unreadable_body', 'request_timeout',
  'body_too_large', 'unsupported_media_type', 'not_found', 'method_not_allowed', 'rate_limited', 'internal_error', 'not_ready',
  'response_contract',
  // authentication
  'unauthenticated', 'invalid_token', 'session_revoked', 'device_session_not_allowed', 'invalid_credentials',
  'invalid_refresh_token', 'refresh_token_reused', 'two_step_required', 'csrf_failed', 'access_revoked', 'account_blocked',
  'no_active_membership', 'not_a_member', 'forbidden', 'invalid_api_token', 'api_token_scope',
  // SCIM provisioning
  'invalid_filter', 'invalid_scim_value', 'invalid_scim_path', 'immutable_attribute',
  // passwords, links, members and invitations
  'weak_password', 'current_password_incorrect', 'invalid_link', 'guest_cannot_invite', 'no_seats_available', 'seats_in_use', 'idempotency_key_required', 'last_admin', 'roles_require_pro',
  'already_member', 'already_invited', 'member_removed', 'member_blocked', 'resend_limited', 'sending_limited',
  'invitation_not_pending', 'invitation_invalid', 'invalid_email', 'email_taken', 'invalid_hand_over',
  // 2-step verification
  'invalid_two_step_code', 'invalid_challenge', 'two_step_already_set_up', 'two_step_not_set_up',
  // claimed domains
  'invalid_domain', 'consumer_domain', 'domain_taken', 'verification_failed',
  // the admin page
  'invalid_cursor', 'invalid_logo', 'logo_too_large',
  // messages
  'unconfirmed_recipients', 'invalid_recipients', 'recipients_cannot_receive', 'guest_compose_limit', 'no_recipients',
  'too_many_drafts', 'idempotency_conflict', 'already_recalled', 'message_recalled', 'message_expired', 'message_unavailable',
  'guest_cannot_forward', 'forward_to_pros_only', 'forwarding_disabled',
  // files and resumable uploads
  'file_too_large', 'too_many_open_uploads', 'unsent_uploads_too_large', 'storage_quota_exceeded', 'invalid_upload_offset',
  'unsupported_tus_version', 'offset_mismatch', 'upload_busy', 'upload_exceeds_size', 'file_incomplete', 'file_not_found',
  'file_already_attached', 'range_not_satisfiable',
  // documents for signature
  'pdf_too_large', 'pdf_too_many_pages', 'pdf_unreadable', 'pdf_encrypted', 'signature_field_off_page',
  'signature_field_value_missing', 'invalid_signature_image',
  // signature requests
  'guest_cannot_request_signature', 'not_a_signer', 'signer_not_recipient', 'signature_document_invalid', 'signature_fields_mismatch', 'signature_request_closed', 'signature_request_expired', 'signature_out_of_order', 'signature_consent_required', 'signer_already_decided', 'identity_not_confirmed',
  // single sign-on (besides the token checks below)
  'sso_state_mismatch', 'sso_sign_in_expired', 'sso_provider_refused', 'sso_provider_unreachable', 'sso_entra_not_configured',
  'entra_keys_unavailable', 'invalid_sso_settings', 'sso_domain_not_coverable', 'sso_required',
  'sso_not_covered', 'sso_email_mismatch', 'sso_no_invitation', 'entra_tenant_not_connected', 'entra_dialog_sign_in_required',
  'entra_identity_mismatch',
] as const;

/**
 * The checks an identity provider's token can fail. Each is a code twice: `sso_<check>` for a sign-in's ID token and
 * `entra_token_<check>` for the Microsoft access token Outlook passes on, so logs tell a forged token from a mismatched one.
 */
export const tokenChecks = [
  'malformed', 'algorithm', 'unknown_key', 'signature', 'issuer', 'audience', 'nonce', 'expired', 'not_yet_valid', 'tenant',
  'version', 'scope', 'claims', 'client',
] as const;
export type TokenCheck = (typeof tokenChecks)[number];

export type ErrorCode = (typeof errorCodes)[number] | `sso_${TokenCheck}` | `entra_token_${TokenCheck}`;

/** What POST /api/v1/recipients/classify says of one address; the portal and the add-in both read it. */
export const recipientOutcomes = [
  'member_pro', 'member_guest', 'invited', 'new_guest', 'new_pro', 'blocked', 'removed', 'self', 'not_allowed', 'invalid',
] as const;
export const recipientOutcome = z.enum(recipientOutcomes);
export type Outcome = (typeof recipientOutcomes)[number];
