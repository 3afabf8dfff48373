/** Every API route of the backend, in one list: mounted by app.ts and described by /api/openapi.json. */
import { apiTokenRoutes } from './apiTokens/apiTokens.router';
import { auditRoutes } from './audit/audit.router';
import { brandingRoutes } from './organization/branding.router';
import { invoiceRoutes } from './organization/invoices.router';
import { seatRoutes } from './organization/seats.router';
import { settingsRoutes } from './organization/settings.router';
import { entraSignInRoutes } from './sso/entraSignIn.router';
import { ssoDiscoverRoutes } from './sso/ssoDiscover.router';
import { ssoSettingsRoutes } from './sso/ssoSettings.router';
import { memberAdminRoutes } from './members/memberAdmin.router';
import { authRoutes } from './auth/auth.router';
import { clientRoutes } from './clients/clients.router';
import { domainRoutes } from './domains/domains.router';
import { draftRoutes } from './drafts/drafts.router';
import { fileRoutes } from './files/files.router';
import { healthRoutes } from './health/health.router';
import { invitationRoutes } from './invitations/invitations.router';
import { meRoutes } from './me/me.router';
import { memberRoutes } from './members/members.router';
import { messageRoutes } from './messages/messages.router';
import { organizationRoutes } from './organizations/organizations.router';
import { recipientRoutes } from './recipients/recipients.router';
import { registrationRoutes } from './registration/registration.router';
import { signatureRoutes } from './signatures/signatures.router';
import { scimRoutes } from './scim/scim.router';
import { twoStepRoutes } from './twoStep/twoStep.router';

export const apiRoutes = [...healthRoutes, ...authRoutes, ...meRoutes, ...organizationRoutes, ...domainRoutes, ...twoStepRoutes,
  ...invitationRoutes, ...registrationRoutes, ...memberAdminRoutes, ...memberRoutes, ...seatRoutes, ...settingsRoutes, ...invoiceRoutes, ...auditRoutes, ...brandingRoutes, ...recipientRoutes, ...messageRoutes, ...draftRoutes, ...fileRoutes, ...clientRoutes, ...ssoSettingsRoutes, ...ssoDiscoverRoutes, ...entraSignInRoutes, ...signatureRoutes, ...apiTokenRoutes, ...scimRoutes];
