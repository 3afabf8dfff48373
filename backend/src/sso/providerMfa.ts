/**
 * When an identity provider's sign-in counts as the organization's second step: only when its admins said they trust
 * the provider's MFA, and the token says MFA happened, as `amr` containing `mfa` (RFC 8176, section 2:
 * https://www.rfc-editor.org/rfc/rfc8176#section-2).
 *
 * What Microsoft Entra sends: `amr` is documented for v1.0 access tokens only ("only present in v1.0 tokens",
 * https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference#payload-claims) and is not among
 * the ID token claims (https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference#payload-claims).
 * Sealpost uses the v2.0 endpoints, so an Entra sign-in normally carries no MFA signal and the organization's own
 * 2-step applies. v2.0 access tokens may carry `acrs`, the Conditional Access authentication context ids (c1, c2…)
 * the bearer is eligible for; what an id demands (MFA, a compliant device, a location) is each tenant's policy, and
 * Microsoft advises apps not to hard-code them
 * (https://learn.microsoft.com/entra/identity-platform/developer-guide-conditional-access-authentication-context#caveats-and-recommendations),
 * so `acrs` is not read as MFA.
 */
export function providerMfaCounts(trustProviderMfa: boolean, amr: readonly string[]): boolean {
  return trustProviderMfa && amr.includes('mfa');
}
