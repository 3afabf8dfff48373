/** Every API route of the backend, in one list: mounted by app.ts and described by /api/openapi.json. */
import { authRoutes } from './auth/auth.router';
import { domainRoutes } from './domains/domains.router';
import { healthRoutes } from './health/health.router';
import { invitationRoutes } from './invitations/invitations.router';
import { meRoutes } from './me/me.router';
import { memberRoutes } from './members/members.router';
import { organizationRoutes } from './organizations/organizations.router';
import { recipientRoutes } from './recipients/recipients.router';
import { registrationRoutes } from './registration/registration.router';
import { twoStepRoutes } from './twoStep/twoStep.router';

export const apiRoutes = [...healthRoutes, ...authRoutes, ...meRoutes, ...organizationRoutes, ...domainRoutes, ...twoStepRoutes,
  ...invitationRoutes, ...registrationRoutes, ...memberRoutes, ...recipientRoutes];
