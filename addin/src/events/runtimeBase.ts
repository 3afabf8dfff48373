/**
 * Where Sealpost's API is, for the send handler before any pane told it: the deployment's base URL baked into the build
 * (ADDIN_BASE_URL / PUBLIC_URL), else the script's own location in a browser runtime (commands.html is served beside
 * the API). Classic Outlook's JavaScript-only runtime defines `window` without `window.location`
 * (https://github.com/AzureAD/microsoft-authentication-library-for-js/issues/7451), so there only the baked one serves.
 */
import { addinBase } from '../taskpane/addinBase';

declare const __SEALPOST_BASE_URL__: string | null | undefined;

export function runtimeApiBase(href: string | null): string | null {
  if (typeof __SEALPOST_BASE_URL__ !== 'undefined' && __SEALPOST_BASE_URL__) return __SEALPOST_BASE_URL__;
  if (!href || !/^(https?|blob):/.test(href)) return null;
  try {
    return addinBase(href.startsWith('blob:') ? href.slice(5) : href);
  } catch {
    return null;
  }
}
