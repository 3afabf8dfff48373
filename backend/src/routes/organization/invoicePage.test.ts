/**
 * The printable invoice's style nonce is a value of the template, never a marker replaced in the rendered page: an
 * organization named like the marker stays text, and the one style tag carries the CSP's nonce.
 */
import { castOrganization, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, '__NONCE__');
}, 120_000);
afterAll(async () => {
  await t.stop();
});

test('when the organization is named like the nonce marker, then the page keeps the name as text and the style tag gets the nonce', async () => {
  const res = await fetch(`${t.url}/api/v1/invoices/${new Date().toISOString().slice(0, 7)}/print`, {
    headers: { authorization: `Bearer ${cast.admin.accessToken}` },
  });
  expect(res.status).toBe(200);
  const nonce = /style-src 'nonce-([^']+)'/.exec(res.headers.get('content-security-policy')!)![1]!;
  const page = await res.text();
  expect(page).toContain('<title>Invoice SP-');
  expect(page).toContain(' · __NONCE__ · Sealpost</title>');
  expect(page).toContain(`<dd>__NONCE__</dd>`);
  expect(page.match(/<style[^>]*>/g)).toEqual([`<style nonce="${nonce}">`]);
  expect(page.split(nonce)).toHaveLength(2);
});
