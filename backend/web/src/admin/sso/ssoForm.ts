/**
 * The single sign-on form's draft: built from the saved provider, turned into the PUT body, and the server's
 * refusal placed beside the field it is about (the `field` of invalid_sso_settings, the path of invalid_request,
 * the domains for sso_domain_not_coverable); anything else is shown above the Save button.
 */
import type { SsoProviderView, SsoSettingsChange, SsoSettingsField } from '@contract/sso';
import type { ApiProblem } from '../../shared/api';

export interface SsoDraft {
  kind: 'entra' | 'oidc';
  displayName: string;
  issuer: string;
  clientId: string;
  /** Empty while the stored secret is kept. */
  clientSecret: string;
  /** True when a secret is stored and the admin has not asked to replace it. */
  keepSecret: boolean;
  entraTenantId: string;
  coveredDomainIds: string[];
  prosMustUseSso: boolean;
  trustProviderMfa: boolean;
}

export type DraftField = SsoSettingsField | 'displayName' | 'coveredDomainIds';

export function draftOf(provider: SsoProviderView | null): SsoDraft {
  return {
    kind: provider?.kind ?? 'entra',
    displayName: provider?.displayName ?? 'Microsoft',
    issuer: provider?.kind === 'oidc' ? provider.issuer : '',
    clientId: provider?.clientId ?? '',
    clientSecret: '',
    keepSecret: provider?.hasClientSecret ?? false,
    entraTenantId: provider?.entraTenantId ?? '',
    coveredDomainIds: provider?.coveredDomains.map((d) => d.id) ?? [],
    prosMustUseSso: provider?.prosMustUseSso ?? false,
    trustProviderMfa: provider?.trustProviderMfa ?? false,
  };
}

/** What the page sends: fields of the other kind left out, the secret only when typed. */
export function changeOf(draft: SsoDraft): SsoSettingsChange {
  const clientId = draft.clientId.trim();
  return {
    kind: draft.kind,
    displayName: draft.displayName.trim(),
    ...(draft.kind === 'oidc' ? { issuer: draft.issuer.trim() } : { entraTenantId: draft.entraTenantId.trim() || null }),
    clientId: clientId || null,
    ...(!draft.keepSecret && draft.clientSecret !== '' ? { clientSecret: draft.clientSecret } : {}),
    coveredDomainIds: draft.coveredDomainIds,
    prosMustUseSso: draft.prosMustUseSso,
    trustProviderMfa: draft.trustProviderMfa,
  };
}

const FIELDS: readonly DraftField[] = ['displayName', 'issuer', 'clientId', 'clientSecret', 'entraTenantId', 'coveredDomainIds'];
const isField = (value: unknown): value is DraftField => typeof value === 'string' && (FIELDS as readonly string[]).includes(value);

/** The field a refusal is about, or null when it is about the whole form. */
export function fieldOf(problem: ApiProblem): DraftField | null {
  if (problem.code === 'invalid_sso_settings' && isField(problem.body.field)) return problem.body.field;
  if (problem.code === 'sso_domain_not_coverable') return 'coveredDomainIds';
  if (problem.code === 'invalid_request' || problem.code === 'invalid_text') {
    const issues = problem.body.issues;
    const path = Array.isArray(issues) ? String((issues[0] as { path?: unknown } | undefined)?.path ?? '').split('.')[0] : '';
    if (isField(path)) return path;
  }
  return null;
}
