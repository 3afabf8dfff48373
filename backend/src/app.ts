/** Builds the Express app from its dependencies; main.ts serves it and tests build their own. */
import express from 'express';
import helmet from 'helmet';
import type { AppDeps } from './deps';
import { noStore } from './http/cacheControl';
import { requestDeadline } from './http/connectionTimeouts';
import { buildOpenApi } from './http/openapi';
import { notFoundHandler, problemHandler } from './http/problem';
import { requestLog } from './http/requestLog';
import { mountRoutes, refuseUnencodableInput } from './http/route';
import { devMailboxRouter } from './mail/devMailbox.router';
import { apiRoutes } from './routes';
import { addinRouter } from './routes/addin/addin.router';
import { addinCors } from './routes/addin/addinCors';
import { authPagesRouter } from './routes/pages/authPages.router';
import { webPagesRouter } from './routes/pages/webPages.router';

export function buildApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy ? 1 : false);
  app.use(requestDeadline(deps.config));
  app.use(requestLog(deps.logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"], formAction: ["'self'"], upgradeInsecureRequests: null },
      },
      strictTransportSecurity: deps.config.publicUrl?.startsWith('https://') ?? false,
    }),
  );
  // Every route of the route list (the API and the health probes) answers no-store; the test walks the list.
  app.use(['/api', '/scim', '/health', '/ready'], noStore);
  // The add-in's event script calls the API cross-origin from classic Outlook: CORS answers before any route.
  app.use('/api/v1', addinCors(deps.config));
  // API routes read their own bodies after authentication (raw-body routes never); the parsers below serve the pages.
  mountRoutes(app, apiRoutes, deps);
  const openapi = buildOpenApi(apiRoutes, deps.config.publicUrl ?? '');
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use(express.json({ limit: `${deps.config.jsonBodyLimit}kb`, strict: true, inflate: false }));
  app.use(express.urlencoded({ extended: false, limit: '16kb', inflate: false }));
  app.use(refuseUnencodableInput);
  app.use(authPagesRouter(deps));
  app.use(webPagesRouter());
  app.use(addinRouter(deps.config));
  if (deps.mailCatcher) app.use('/dev/mailbox', devMailboxRouter(deps.mailCatcher));

  app.use(notFoundHandler);
  app.use(problemHandler(deps.logger, deps.config.jsonBodyLimit));
  return app;
}
