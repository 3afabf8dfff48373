/**
 * The one decision on where this site may send a browser next (the login page's ?next=, the sp_next cookie, the
 * registration page's ?next=): a path on this very site, or null. No imports, so the pages bundle it too.
 *
 * The check is made on the address the browser would follow, after normalization, not only on what was given:
 * `/.//evil.example` normalizes to `//evil.example`, which a browser reads as another site.
 */

const MAX_LENGTH = 2000;
const LOCAL_ORIGIN = 'http://sealpost.invalid';

// Controls, spaces and every character a browser or a URL parser may turn into a slash or strip: backslash,
// fraction and division slashes, fullwidth solidus and reverse solidus, big solidus, and Unicode format characters.
const REFUSED_CHARACTERS = /[\u0000-\u0020\u007f-\u00a0\\\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u2044\u2215\u2216\u29f5\u29f8\u29f9\ufe68\ufeff\uff0f\uff3c]/;
// Percent-encoded slashes, backslashes, dots and controls: refused rather than guessed at, since servers and
// proxies on the way may decode them.
const REFUSED_ENCODINGS = /%(?:2f|5c|2e|[01][0-9a-f]|7f)/i;

/**
 * A same-site path (`/a/b?c#d`), normalized as a browser would (`/portal/../admin` is `/admin`), when `value` is a
 * local path whose normalized form still is one and lies under `within` (a path prefix such as `/portal`); else null.
 */
export function redirectTarget(value: unknown, options: { within?: string } = {}): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return null;
  if (!isLocalPath(value) || REFUSED_CHARACTERS.test(value) || REFUSED_ENCODINGS.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, LOCAL_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== LOCAL_ORIGIN || url.username || url.password) return null;
  const target = `${url.pathname}${url.search}${url.hash}`;
  if (!isLocalPath(target)) return null;
  const within = options.within;
  if (within && url.pathname !== within && !url.pathname.startsWith(`${within}/`)) return null;
  return target;
}

/** One leading slash followed by something that is neither a slash nor a backslash (else: another host). */
function isLocalPath(path: string): boolean {
  return path.startsWith('/') && path[1] !== '/' && path[1] !== '\\';
}
