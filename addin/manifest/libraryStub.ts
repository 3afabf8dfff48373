/**
 * Stands in for @azure/msal-browser in the check-only build of launchevent.js (addin/build.mjs, ownCodeProblems): that
 * build holds the handler's own code alone, so the check for built-ins newer than ES2016 sees what we wrote. MSAL itself
 * runs only where Outlook reports NestedAppAuth 1.1 (classic Windows from Version 2409), past Version 2403 where the
 * event runtime's ES2016 limit ends; a build test loads the real bundle in a runtime without those built-ins.
 */
export class InteractionRequiredAuthError extends Error {}

export function createNestablePublicClientApplication(): never {
  throw new Error('check-only build');
}
