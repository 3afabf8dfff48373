/** Admins read, set up and remove the organization's single sign-on provider (the client secret is write-only). */
import { readSsoProvider, removeSsoProvider, saveSsoProvider } from '../../commands/ssoSettings';
import { contract } from '../../contract';
import { defineRoute } from '../../http/route';
import { presentSsoSettings } from '../../presenters/sso';

export const ssoSettingsRoutes = [
  defineRoute(contract.sso.settings, {
    tag: 'organization',
    summary: "The organization's single sign-on provider, without its client secret; null when none is set up.",
    auth: 'session',
    errors: ['forbidden'],
    async handler({ actor, deps }) {
      return presentSsoSettings(await readSsoProvider(deps, actor), deps.config.publicUrl);
    },
  }),
  defineRoute(contract.sso.saveSettings, {
    tag: 'organization',
    summary:
      'Set up or change the single sign-on provider: Microsoft Entra (tenant id) or any OpenID Connect provider (issuer, ' +
      'client id and secret), the verified domains it covers, whether pros must use it and whether its MFA counts as 2-step.',
    auth: 'session',
    errors: ['forbidden', 'invalid_request', 'invalid_sso_settings', 'sso_domain_not_coverable'],
    async handler({ actor, body, deps }) {
      return presentSsoSettings(await saveSsoProvider(deps, actor, body), deps.config.publicUrl);
    },
  }),
  defineRoute(contract.sso.removeSettings, {
    tag: 'organization',
    summary: 'Turn single sign-on off: everyone signs in with a password again. Answers 204 also when none was set up.',
    auth: 'session',
    errors: ['forbidden'],
    async handler({ actor, deps }) {
      await removeSsoProvider(deps, actor);
    },
  }),
];
