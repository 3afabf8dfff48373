/**
 * The session's CSRF token, which changes need in X-CSRF-Token. On https the server names the cookie __Host-sp_csrf
 * (only this origin over https can set such a cookie); a plain sp_csrf there could have been planted, so it counts
 * only where there is no prefixed one (loopback over http).
 */
export function csrfToken(): string | undefined {
  const cookies = document.cookie;
  return (/(?:^|;\s*)__Host-sp_csrf=([^;]+)/.exec(cookies) ?? /(?:^|;\s*)sp_csrf=([^;]+)/.exec(cookies))?.[1];
}
