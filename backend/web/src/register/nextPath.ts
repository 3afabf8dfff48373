/**
 * Where a newly registered person goes: the portal page their invitation link names in ?next= (the message that
 * invited them), but only a /portal page of this very site — never another origin, a protocol-relative or
 * backslashed address, or a page outside the portal. Anything else means the home address.
 */
export function portalNext(value: string | null | undefined, origin: string): string | null {
  if (!value || value.length > 2000 || !value.startsWith('/') || value.startsWith('//')) return null;
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return null;
  }
  if (url.origin !== new URL(origin).origin) return null;
  if (url.pathname !== '/portal' && !url.pathname.startsWith('/portal/')) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
