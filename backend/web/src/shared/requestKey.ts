/** A fresh Idempotency-Key for a request that must not happen twice (random, 32 hex digits or a UUID). */
export function newRequestKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
