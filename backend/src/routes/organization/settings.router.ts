/** The organization's name and policies (invitation expiry, auto-provisioning, 2-step, secure send), read and changed. */
import { changeSettings, readSettings } from '../../commands/organizationSettings';
import { contract } from '../../contract';
import { defineRoute } from '../../http/route';
import { presentSettings } from '../../presenters/organization';

export const settingsRoutes = [
  defineRoute(contract.organization.settings, {
    tag: 'organization',
    summary: "The organization's name and policies.",
    auth: 'session',
    errors: ['forbidden'],
    async handler({ actor, deps }) {
      return presentSettings(await readSettings(deps, actor));
    },
  }),
  defineRoute(contract.organization.updateSettings, {
    tag: 'organization',
    summary: 'Change the name, invitation expiry (1–30 days), domain auto-provisioning, the 2-step requirement, the secure-send policy, the consent signers give to sign electronically, and the billing address and tax id printed on invoices.',
    auth: 'session',
    errors: ['forbidden'],
    async handler({ actor, body, deps }) {
      return presentSettings(await changeSettings(deps, actor, body));
    },
  }),
];
