/**
 * Hostile bodies through the send, reply and forward paths over HTTP: nesting deep enough to overflow a recursive
 * serializer, floods of links, and forwards of forwards. Each is stored in a bounded, safe shape; none is a 5xx.
 */
import { MAX_DEPTH } from '../../messages/htmlWalker';
import { problemsIn } from '../../messages/testing/attackCorpus';
import { castOrganization, type Cast, sendAs } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t);
});
afterAll(async () => {
  await t.stop();
});

const read = async (token: string, id: string) => (await t.api('GET', `/api/v1/messages/${id}`, { token })).body as { html: string };
const nestingOf = (html: string) => html.match(/^(<div>)*/)![0].length / '<div>'.length;

test('when a guest sends 7,000 unclosed <div>s, then it is stored flattened at the nesting limit and the server keeps serving', async () => {
  const sent = await sendAs(t, cast.guest.accessToken, { html: `${'<div>'.repeat(7000)}deep`, to: [{ email: cast.pro.email }] });
  const { html } = await read(cast.pro.accessToken, sent.id);
  expect(nestingOf(html)).toBe(MAX_DEPTH);
  expect(html).toContain('deep');
  expect((await t.api('GET', '/health')).status).toBe(200);
});

test('when a reply quotes a deep body and 10,000 links, then it is stored with every link made safe', async () => {
  const first = await sendAs(t, cast.pro.accessToken, { html: '<p>Results</p>', to: [{ email: cast.guest.email }] });
  const links = Array.from({ length: 10_000 }, (_, i) => `<a href="https://x.example/${i}" onclick="steal()">${i}</a>`).join('');
  const reply = await sendAs(t, cast.guest.accessToken, {
    html: `<blockquote>${'<table><tr><td>'.repeat(3000)}</blockquote>${links}`,
    to: [{ email: cast.pro.email }],
    inReplyTo: first.id,
  });
  const { html } = await read(cast.pro.accessToken, reply.id);
  expect(html.match(/rel="noopener noreferrer nofollow"/g)).toHaveLength(10_000);
  expect(html).not.toContain('onclick');
});

test('when a deep body is forwarded again and again, then each forward is stored, nested no deeper than the limit', async () => {
  let message = await sendAs(t, cast.guest.accessToken, { html: `${'<blockquote>'.repeat(5000)}origin`, to: [{ email: cast.pro.email }] });
  for (let round = 0; round < 3; round++) {
    const res = await t.api('POST', `/api/v1/messages/${message.id}/forward`, {
      token: round % 2 ? cast.userManager.accessToken : cast.pro.accessToken,
      body: { to: [{ email: round % 2 ? cast.pro.email : cast.userManager.email }], note: `<div>${'<b>'.repeat(2000)}note ${round}` },
    });
    expect([res.status, res.body.code]).toEqual([201, undefined]);
    message = res.body;
  }
  const { html } = await read(cast.userManager.accessToken, message.id);
  expect(html).toContain('origin');
  expect(problemsIn(html)).toEqual([]);
  expect((html.match(/<blockquote>/g) ?? []).length).toBeLessThanOrEqual(MAX_DEPTH);
});
