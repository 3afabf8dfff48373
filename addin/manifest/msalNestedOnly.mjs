// What the add-in bundles get for `@azure/msal-browser` (webpack alias): the nested app authentication client alone.
// The package's own createNestablePublicClientApplication falls back to the standard browser client (popups, iframes,
// redirects, PKCE, cookies), which webpack then bundles too: about 70 kB gzipped against 35 kB for this, and the
// standard client is never wanted here (the add-in checks NestedAppAuth and the host's bridge before asking). The
// modules are the package's own, pinned by package.json (~3.30.0): a version that moves them fails the build.
// Unit tests use the package itself (jest), so both paths run the same MSAL classes.
import { NestedAppAuthController } from '@azure/msal-browser/dist/controllers/NestedAppAuthController.mjs';
import { NestedAppOperatingContext } from '@azure/msal-browser/dist/operatingcontext/NestedAppOperatingContext.mjs';

export { InteractionRequiredAuthError } from '@azure/msal-common/browser';

/** Like the package's function, except that without the host's bridge it refuses instead of falling back. */
export async function createNestablePublicClientApplication(configuration) {
  const context = new NestedAppOperatingContext(configuration);
  if (!(await context.initialize())) throw new Error('nested app authentication is not available in this host');
  const controller = new NestedAppAuthController(context);
  await controller.initialize();
  return controller;
}
