/**
 * Where Sealpost lives, seen from an add-in page: the page's URL up to /addin/. The backend serves both the
 * add-in and the API, so this also works behind a path prefix (ADDIN_BASE_URL=https://host/sealpost).
 */
export function addinBase(pageUrl: string): string {
  const url = new URL(pageUrl);
  const at = url.pathname.lastIndexOf('/addin/');
  return `${url.origin}${at >= 0 ? url.pathname.slice(0, at) : ''}`;
}
