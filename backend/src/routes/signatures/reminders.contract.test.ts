/**
 * Reminders of signature requests, on PGlite and (TEST_DATABASE_URL) on a PostgreSQL server: the signer whose turn
 * it is gets one email per period the organization sets, without content, until the request ends; sweeps racing as
 * on several instances send it once; nothing goes out for a request voided, declined, expired or on an expired
 * message, nor with reminders off; a reminder the mail budget refuses stays due; the cadence is an audited setting.
 */
import { sweepSignatureReminders } from '../../commands/signatureReminders';
import { castOrganization, inviteAndRegister, type Cast, type Member } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { testDatabaseKinds } from '../../store/testing/testStore';
import { act, consentAndSign, readRequest, refusal, requestSignatures } from './testSupport';

const DAY = 24 * 3600 * 1000;
/** A sweep as if it ran `days` days (and a minute) from now. */
const sweepAt = (t: TestServer, days: number) => sweepSignatureReminders(t.deps, { now: () => new Date(Date.now() + days * DAY + 60_000) });

describe.each(testDatabaseKinds())('signature reminders on %s', (kind) => {
  let t: TestServer;
  let cast: Cast;
  let second: Member;
  beforeAll(async () => {
    t = await startTestServer({ database: kind });
    cast = await castOrganization(t, 'Reminder Clinic');
    second = await inviteAndRegister(t, cast.admin, { type: 'guest', name: 'Gwen Second' });
  }, 180_000);
  afterAll(async () => {
    await t.stop();
  });

  /** Who was reminded about the request, in the order of the reminders (from the audit log). */
  async function remindedOn(requestId: string): Promise<string[]> {
    const events = await t.store.audit.list(cast.organizationId, { limit: 1000 });
    return events.filter((e) => e.action === 'signature_request.reminded' && e.targetId === requestId).reverse().map((e) => e.data.signerId as string);
  }

  const reminderMails = async (who: Member, requestId: string) =>
    (await t.mailTo(who.email)).filter((m) => m.subject.startsWith('Reminder:') && m.text.includes(`/portal/signatures/${requestId}`));

  test('when the first signer’s turn lasts a period, then racing sweeps remind only them, once per period, without content; then the next signer', async () => {
    const { requestId } = await requestSignatures(t, cast.pro, [cast.guest, second]);
    const createdAt = Date.parse((await readRequest(t, cast.pro, requestId)).body.createdAt as string);
    expect(await sweepAt(t, 1)).toBeGreaterThanOrEqual(0);
    expect(await remindedOn(requestId)).toEqual([]);

    // four instances sweep at the same moment, two days on
    await Promise.all([0, 1, 2, 3].map(() => sweepAt(t, 2)));
    expect(await remindedOn(requestId)).toEqual([cast.guest.accountId]);
    const [mail, ...more] = await reminderMails(cast.guest, requestId);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe('Reminder: Pat Pro of Reminder Clinic is waiting for your signature');
    expect(mail!.text).toContain(`${t.url}/portal/signatures/${requestId}`);
    expect(`${mail!.text}${mail!.html}`).not.toMatch(/Retainer/);
    expect(await reminderMails(second, requestId)).toEqual([]);

    // the same period again sends nothing; the next one sends one more
    await sweepAt(t, 3);
    expect(await remindedOn(requestId)).toHaveLength(1);
    await Promise.all([sweepAt(t, 4.01), sweepAt(t, 4.01)]);
    expect(await remindedOn(requestId)).toEqual([cast.guest.accountId, cast.guest.accountId]);

    // once the first has signed, the turn (and the reminders, counted from the email that told them) pass to the next
    await consentAndSign(t, cast.guest, requestId, 'Gil Guest');
    // two days after the request was made, but not yet two days after the second signer was told it is their turn
    await sweepSignatureReminders(t.deps, { now: () => new Date(createdAt + 2 * DAY + 2) });
    await sweepAt(t, 1);
    expect(await remindedOn(requestId)).toHaveLength(2);
    await Promise.all([sweepAt(t, 2), sweepAt(t, 2)]);
    expect(await remindedOn(requestId)).toEqual([cast.guest.accountId, cast.guest.accountId, second.accountId]);
    expect(await reminderMails(second, requestId)).toHaveLength(1);

    // signed by everyone: no more reminders
    await consentAndSign(t, second, requestId, 'Gwen Second');
    expect((await readRequest(t, cast.pro, requestId)).body.status).toBe('completed');
    await sweepAt(t, 10);
    expect(await remindedOn(requestId)).toHaveLength(3);
  }, 120_000);

  test('when signers sign in parallel, then each undecided signer is reminded, and one who signed is not', async () => {
    const { requestId } = await requestSignatures(t, cast.pro, [cast.guest, second], { order: 'parallel' });
    await consentAndSign(t, second, requestId);
    await sweepAt(t, 2);
    expect(await remindedOn(requestId)).toEqual([cast.guest.accountId]);
  }, 60_000);

  test('when the request is voided, declined, past its expiry or its message’s, then no reminder goes out', async () => {
    const voided = await requestSignatures(t, cast.pro, [cast.guest]);
    expect((await act(t, cast.pro, voided.requestId, 'void', { reason: 'Wrong version' })).status).toBe(200);
    const declined = await requestSignatures(t, cast.pro, [cast.guest, second], { order: 'parallel' });
    expect((await act(t, second, declined.requestId, 'decline', { reason: 'No' })).status).toBe(200);
    const expiring = await requestSignatures(t, cast.pro, [cast.guest], { expiresAt: new Date(Date.now() + 3 * DAY).toISOString() });
    const messageExpiring = await requestSignatures(t, cast.pro, [cast.guest]);
    const expiry = await t.api('PATCH', `/api/v1/messages/${messageExpiring.messageId}`, { token: cast.pro.accessToken, body: { expiresAt: new Date(Date.now() + 3 * DAY).toISOString() } });
    expect(expiry.status).toBe(204);
    const recalled = await requestSignatures(t, cast.pro, [cast.guest]);
    expect((await t.api('POST', `/api/v1/messages/${recalled.messageId}/recall`, { token: cast.pro.accessToken, body: {} })).status).toBe(204);

    await sweepAt(t, 2);
    // before their expiry the expiring ones are reminded like any other
    expect(await remindedOn(expiring.requestId)).toEqual([cast.guest.accountId]);
    expect(await remindedOn(messageExpiring.requestId)).toEqual([cast.guest.accountId]);
    await sweepAt(t, 4.01);
    for (const { requestId } of [voided, declined, expiring, messageExpiring, recalled]) {
      expect(await remindedOn(requestId)).toHaveLength([expiring, messageExpiring].some((r) => r.requestId === requestId) ? 1 : 0);
    }
  }, 120_000);

  test('when the requester was removed, then nobody is reminded in their name', async () => {
    const leaving = await inviteAndRegister(t, cast.admin, { type: 'pro', name: 'Lee Leaving' });
    const { requestId } = await requestSignatures(t, leaving, [second]);
    expect((await t.api('DELETE', `/api/v1/members/${leaving.accountId}`, { token: cast.admin.accessToken })).status).toBe(204);
    await sweepAt(t, 2);
    expect(await remindedOn(requestId)).toEqual([]);
  }, 60_000);

  test('when an admin sets the cadence, then it is audited and bounded, 0 stops reminders and a longer period waits longer', async () => {
    const settings = await t.api('GET', '/api/v1/organization/settings', { token: cast.admin.accessToken });
    expect(settings.body.signatureReminderDays).toBe(2);
    for (const bad of [-1, 31, 1.5, '2', null]) {
      expect(refusal(await t.api('PATCH', '/api/v1/organization/settings', { token: cast.admin.accessToken, body: { signatureReminderDays: bad } }))).toEqual([400, 'invalid_request']);
    }
    expect((await t.api('PATCH', '/api/v1/organization/settings', { token: cast.pro.accessToken, body: { signatureReminderDays: 0 } })).status).toBe(403);
    expect((await t.api('GET', '/api/v1/organization/settings', { token: cast.admin.accessToken })).body.signatureReminderDays).toBe(2);

    const off = await t.api('PATCH', '/api/v1/organization/settings', { token: cast.admin.accessToken, body: { signatureReminderDays: 0 } });
    expect([off.status, off.body.signatureReminderDays]).toEqual([200, 0]);
    const { requestId } = await requestSignatures(t, cast.pro, [cast.guest]);
    await sweepAt(t, 30);
    expect(await remindedOn(requestId)).toEqual([]);

    await t.api('PATCH', '/api/v1/organization/settings', { token: cast.admin.accessToken, body: { signatureReminderDays: 5 } });
    await sweepAt(t, 4);
    expect(await remindedOn(requestId)).toEqual([]);
    await sweepAt(t, 5);
    expect(await remindedOn(requestId)).toEqual([cast.guest.accountId]);

    const changes = (await t.store.audit.list(cast.organizationId, { limit: 1000 })).filter((e) => e.action === 'organization.settings_changed');
    expect(changes.slice(0, 2).map((e) => e.data)).toEqual([{ signatureReminderDays: 5 }, { signatureReminderDays: 0 }]);
    await t.api('PATCH', '/api/v1/organization/settings', { token: cast.admin.accessToken, body: { signatureReminderDays: 2 } });
  }, 60_000);

  test('when the requester’s mail budget is spent, then the reminder is held back without holding up others, stays due, and goes out once there is room', async () => {
    const requester = await inviteAndRegister(t, cast.admin, { type: 'pro', name: 'Bea Budget' });
    const { requestId } = await requestSignatures(t, requester, [cast.guest]);
    const budgetKey = `mail-notice-sender:${requester.accountId}`;
    // a request after it in the sweep's order, from someone with budget left
    const later = await requestSignatures(t, cast.pro, [second]);
    await t.store.rateLimits.hit(budgetKey, 3600, t.deps.config.senderNoticesPerHour);
    // one reminder a batch: the one held back must not stop the sweep before the next
    await sweepSignatureReminders(t.deps, { now: () => new Date(Date.now() + 2 * DAY + 60_000), batchSize: 1 });
    expect(await remindedOn(requestId)).toEqual([]);
    expect(await remindedOn(later.requestId)).toEqual([second.accountId]);
    expect((await t.store.signatures.dueReminders(new Date(Date.now() + 2 * DAY + 60_000), 1000)).map((d) => d.requestId)).toContain(requestId);

    await t.store.rateLimits.reset(budgetKey);
    await sweepAt(t, 2);
    expect(await remindedOn(requestId)).toEqual([cast.guest.accountId]);
    // the reminder was counted in the budget it came out of
    expect((await t.store.rateLimits.hit(budgetKey, 3600, 0)).hits).toBe(1);
  }, 60_000);
});
