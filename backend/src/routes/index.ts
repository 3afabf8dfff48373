/** Every API route of the backend, in one list: mounted by app.ts and described by /api/openapi.json. */
import { authRoutes } from './auth/auth.router';
import { healthRoutes } from './health/health.router';
import { meRoutes } from './me/me.router';
import { organizationRoutes } from './organizations/organizations.router';

export const apiRoutes = [...healthRoutes, ...authRoutes, ...meRoutes, ...organizationRoutes];
