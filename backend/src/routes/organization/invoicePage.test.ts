/**
 * The printable invoice's style nonce is a value of the template, never a marker replaced in the rendered page: an
 * organization, a billing address or a seller named like the marker stays text, and the one style tag carries the
 * CSP's nonce. Text that tries to close the style tag stays text too.
 */
import { castOrganization, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer({ env: { SELLER_NAME: '__NONCE__ Seller', SELLER_TAX_ID: '</style><style>x' } });
  cast = await castOrganization(t, '__NONCE__');
  const set = await t.api('PATCH', '/api/v1/organization/settings', { token: cast.admin.accessToken,
    body: { billingAddress: '__NONCE__ </style><script>alert(1)</script>', taxId: '${nonce}' } });
  expect(set.status).toBe(200);
}, 120_000);
afterAll(async () => {
  await t.stop();
});

test('when names on the invoice look like the nonce marker or markup, then the page keeps them as text and the style tag gets the nonce', async () => {
  const res = await fetch(`${t.url}/api/v1/invoices/${new Date().toISOString().slice(0, 7)}/print`, {
    headers: { authorization: `Bearer ${cast.admin.accessToken}` },
  });
  expect(res.status).toBe(200);
  const nonce = /style-src 'nonce-([^']+)'/.exec(res.headers.get('content-security-policy')!)![1]!;
  const page = await res.text();
  expect(page).toContain('<title>Invoice draft · __NONCE__ · Sealpost</title>');
  expect(page).toContain('<strong>__NONCE__</strong><br>__NONCE__ &lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;<br>Tax id: ${nonce}</p>');
  expect(page).toContain('<p class="brand">__NONCE__ Seller</p>');
  expect(page).toContain('Tax id: &lt;/style&gt;&lt;style&gt;x');
  expect(page.match(/<style[^>]*>/g)).toEqual([`<style nonce="${nonce}">`]);
  expect(page.match(/<\/style>/g)).toHaveLength(1);
  expect(page.split(nonce)).toHaveLength(2);
});
