/** Organizations a signed-in person starts. */
import { createOrganization } from '../../commands/organizationSwitcher';
import { contract } from '../../contract';
import { defineRoute } from '../../http/route';

export const organizationRoutes = [
  defineRoute(contract.organizations.create, {
    tag: 'organizations',
    summary: 'Start another organization with you as its admin (switch to it with /auth/switch-organization).',
    auth: 'session',
    async handler({ actor, body, deps }) {
      const organization = await createOrganization(deps, actor, body.name);
      return { id: organization.id, name: organization.name, seatsPurchased: organization.seatsPurchased };
    },
  }),
];
