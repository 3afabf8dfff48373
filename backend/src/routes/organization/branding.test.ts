/** Branding over HTTP: logo upload checked by its bytes and size, served publicly; accent colour; email preview. */
import { accentOf } from '../../mail/brand';
import { castOrganization, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { JPEG_1X1, pngImage } from '../../testing/images';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Brand & Co');
});
afterAll(async () => {
  await t.stop();
});

const upload = (body: Buffer | string, token = cast.admin.accessToken, contentType = 'image/png') =>
  fetch(`${t.url}/api/v1/branding/logo`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body: typeof body === 'string' ? body : new Uint8Array(body) });

test('when an admin uploads a PNG logo, then anyone can fetch it by its URL, typed by its bytes and cached by its hash', async () => {
  const png = pngImage(120, 40);
  const res = await upload(png, cast.admin.accessToken, 'image/jpeg');
  expect(res.status).toBe(200);
  const branding = (await res.json()) as { logoUrl: string };
  expect(branding.logoUrl).toMatch(new RegExp(`^${t.url}/api/v1/branding/logo/${cast.organizationId}\\?v=[0-9a-f]{16}$`));
  const logo = await fetch(branding.logoUrl);
  expect(logo.status).toBe(200);
  expect(logo.headers.get('content-type')).toBe('image/png');
  expect(logo.headers.get('x-content-type-options')).toBe('nosniff');
  expect(logo.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  expect(Buffer.from(await logo.arrayBuffer()).equals(png)).toBe(true);
  const again = await fetch(branding.logoUrl, { headers: { 'if-none-match': logo.headers.get('etag')! } });
  expect(again.status).toBe(304);
  expect((await t.api('GET', '/api/v1/branding', { token: cast.guest.accessToken })).body.logoUrl).toBe(branding.logoUrl);
});

test('when a JPEG is uploaded, then it is kept as a JPEG; removing it leaves no logo', async () => {
  expect((await upload(JPEG_1X1)).status).toBe(200);
  const logo = await fetch(`${t.url}/api/v1/branding/logo/${cast.organizationId}`);
  expect(logo.headers.get('content-type')).toBe('image/jpeg');
  expect((await t.api('DELETE', '/api/v1/branding/logo', { token: cast.admin.accessToken })).status).toBe(204);
  expect((await fetch(`${t.url}/api/v1/branding/logo/${cast.organizationId}`)).status).toBe(404);
  expect((await t.api('GET', '/api/v1/branding', { token: cast.admin.accessToken })).body.logoUrl).toBeNull();
});

test.each([
  ['an SVG with a script', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
  ['HTML', '<!doctype html><h1>hi</h1>'],
  ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')],
  ['a PNG signature alone', pngImage(1, 1).subarray(0, 8)],
  ['a JPEG cut short', JPEG_1X1.subarray(0, 40)],
  ['nothing', ''],
])('when the upload is %s, then it is 400 invalid_logo and the logo is unchanged', async (_label, body) => {
  const res = await upload(body);
  expect(res.status).toBe(400);
  expect(((await res.json()) as { code: string }).code).toBe('invalid_logo');
});

test('when the logo is larger than 512 KB, then it is 413 logo_too_large, declared or streamed', async () => {
  const big = pngImage(450, 450, [0, 0, 0], true);
  expect(big.length).toBeGreaterThan(512 * 1024);
  const res = await upload(big);
  expect(res.status).toBe(413);
  expect(((await res.json()) as { code: string; detail: string }).detail).toMatch(/larger than 512 KB/);
  // Without a length up front (chunked), the server stops reading once past the limit.
  const stream = new ReadableStream({ start(c) { c.enqueue(big.subarray(0, 300_000)); c.enqueue(big.subarray(300_000)); c.close(); } });
  const chunked = await fetch(`${t.url}/api/v1/branding/logo`, { method: 'PUT', headers: { authorization: `Bearer ${cast.admin.accessToken}`, 'content-type': 'image/png' }, body: stream, duplex: 'half' } as RequestInit);
  expect(chunked.status).toBe(413);
});

test('when an admin sets the accent colour, then it is kept in lower case, and a bad colour is refused', async () => {
  const set = await t.api('PATCH', '/api/v1/branding', { token: cast.admin.accessToken, body: { accentColor: '#B0413E' } });
  expect(set.body.accentColor).toBe('#b0413e');
  for (const bad of ['red', '#fff', '#12345g', 'url(javascript:alert(1))', '#0b6e69;background:red', 5]) {
    const res = await t.api('PATCH', '/api/v1/branding', { token: cast.admin.accessToken, body: { accentColor: bad } });
    expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
  }
  const seen = await t.api('GET', '/api/v1/branding', { token: cast.pro.accessToken });
  expect(seen.body).toMatchObject({ accentColor: '#b0413e', accentTextColor: '#ffffff' });
  await t.api('PATCH', '/api/v1/branding', { token: cast.admin.accessToken, body: { accentColor: '#ffd700' } });
  expect((await t.api('GET', '/api/v1/branding', { token: cast.pro.accessToken })).body.accentTextColor).toBe('#1b1b1b');
  await t.api('PATCH', '/api/v1/branding', { token: cast.admin.accessToken, body: { accentColor: null } });
  expect((await t.api('GET', '/api/v1/branding', { token: cast.pro.accessToken })).body.accentTextColor).toBeNull();
});

test('when the invitation email is previewed, then it carries the accent and logo, with a CSP that allows no script', async () => {
  await upload(pngImage(60, 20));
  await t.api('PATCH', '/api/v1/branding', { token: cast.admin.accessToken, body: { accentColor: '#ffd700' } });
  const res = await fetch(`${t.url}/api/v1/branding/preview/invitation`, { headers: { authorization: `Bearer ${cast.userManager.accessToken}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('x-frame-options')).toBeNull();
  expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; form-action 'none'; base-uri 'none'");
  const html = await res.text();
  // Gold is light, so the button text turns dark to stay readable.
  expect(html).toContain('background:#ffd700;color:#1b1b1b');
  expect(html).toMatch(new RegExp(`<img src="${t.url}/api/v1/branding/logo/${cast.organizationId}\\?v=[0-9a-f]{16}" alt="Brand &amp; Co"`));
});

test('when a user manager or a guest tries to change the branding, then it is 403', async () => {
  for (const token of [cast.userManager.accessToken, cast.guest.accessToken]) {
    expect((await t.api('PATCH', '/api/v1/branding', { token, body: { accentColor: null } })).status).toBe(403);
    expect((await upload(pngImage(2, 2), token)).status).toBe(403);
  }
  expect((await t.api('GET', '/api/v1/branding/preview/invitation', { token: cast.guest.accessToken })).status).toBe(403);
});

test('when the accent is dark or missing, then email buttons keep white text', () => {
  expect(accentOf({ accentColor: '#0b6e69' })).toEqual({ background: '#0b6e69', text: '#ffffff' });
  expect(accentOf({ accentColor: 'not a colour' })).toEqual({ background: '#0f6cbd', text: '#ffffff' });
  expect(accentOf()).toEqual({ background: '#0f6cbd', text: '#ffffff' });
});
