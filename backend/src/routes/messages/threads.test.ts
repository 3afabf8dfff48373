/** Threads over HTTP: an answer is a bounded page (count and body bytes), and `earlier` pages back to the start. */
import { THREAD_BODY_BUDGET } from '../../commands/messageReader';
import { castOrganization, sendAs, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Linden Pediatrics');
});
afterAll(async () => {
  await t.stop();
});

/** A thread started by the pro and answered by the guest, `replies` times; ids oldest first. */
async function thread(replies: number, html: string) {
  const first = await sendAs(t, cast.pro.accessToken, { subject: 'Results', html, to: [{ email: cast.guest.email }] });
  const ids = [first.id];
  for (let i = 0; i < replies; i += 1) {
    ids.push((await sendAs(t, cast.guest.accessToken, { inReplyTo: first.id, html, to: [{ email: cast.pro.email }] })).id);
  }
  return { threadId: first.threadId, ids };
}

type ThreadAnswer = { messages: { id: string; html: string | null; truncated: boolean }[]; earlier: string | null };
const page = async (threadId: string, query = '') => {
  const res = await t.api('GET', `/api/v1/threads/${threadId}${query}`, { token: cast.guest.accessToken });
  return { status: res.status, body: res.body as ThreadAnswer, bytes: JSON.stringify(res.body).length };
};

test('when a thread holds more body bytes than one answer carries, then older bodies come back truncated and open one by one', async () => {
  const big = `<p>${'a'.repeat(900_000)}</p>`;
  const { threadId, ids } = await thread(3, big);

  const answer = await page(threadId);
  expect(answer.status).toBe(200);
  expect(answer.bytes).toBeLessThan(THREAD_BODY_BUDGET);
  expect(answer.body.messages.map((m) => m.id)).toEqual(ids);
  // the newest body fits; the older ones, each as big, do not
  expect(answer.body.messages.map((m) => [m.truncated, m.html === null])).toEqual([
    [true, true],
    [true, true],
    [true, true],
    [false, false],
  ]);
  expect(answer.body.messages[3]!.html).toBe(big);

  const oldest = await t.api('GET', `/api/v1/messages/${ids[0]}`, { token: cast.guest.accessToken });
  expect([oldest.status, oldest.body.html]).toEqual([200, big]);
}, 60_000);

test('when a thread is longer than a page, then the latest come first and `earlier` pages back without gaps or repeats', async () => {
  const { threadId, ids } = await thread(6, '<p>Short</p>');

  const seen: string[][] = [];
  let cursor: string | null = null;
  let query = '?limit=3';
  do {
    const answer = await page(threadId, query);
    expect(answer.status).toBe(200);
    expect(answer.body.messages.every((m) => m.html === '<p>Short</p>' && !m.truncated)).toBe(true);
    seen.push(answer.body.messages.map((m) => m.id));
    cursor = answer.body.earlier;
    query = `?limit=3&before=${cursor}`;
  } while (cursor && seen.length < 5);

  expect(seen).toEqual([ids.slice(4), ids.slice(1, 4), ids.slice(0, 1)]);
  expect((await page(threadId)).body.messages).toHaveLength(7);
});

test('when the page size or cursor of a thread is not acceptable, then it is a 400', async () => {
  const { threadId } = await thread(0, '<p>One</p>');
  for (const query of ['?limit=51', '?limit=0', '?before=not-a-cursor', '?unknown=1']) {
    const answer = await page(threadId, query);
    expect([query, answer.status]).toEqual([query, 400]);
  }
});
