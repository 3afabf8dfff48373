/** The Smart Alerts send handler's decisions, against the fake Outlook item and a stand-in Sealpost API. */
import { ApiError } from '../api/http';
import { KEYS } from '../item/itemState';
import { unreachable } from '../testing/fakeSealpost';
import { MESSAGES } from './blockMessages';
import { SIGN_IN_ALERT } from './testing/alertText';
import { NOTICE_MARKER } from './notice';
import { handleMessageSend, TASKPANE_COMMAND } from './onMessageSend';
import { person, sendHarness } from './testing/sendHarness';

const setup = sendHarness;

test('when secure sending is off, then the send is allowed at once without asking Sealpost', async () => {
  const { fake, sealpost, run } = setup({ secure: false });
  fake.state.to = [person('ann@client.example')];
  expect(await run()).toEqual({ allowEvent: true });
  expect(sealpost.classifyCalls).toEqual([]);
  expect(fake.state.bodyHtml).toContain('Dear Ann');
});

test('when secure and there is no credential, then the send stops with a Sign in button that opens the pane', async () => {
  const { fake, run } = setup({ credential: 'none' });
  fake.state.to = [person('ann@client.example')];
  expect(await run()).toEqual({
    allowEvent: false, errorMessage: SIGN_IN_ALERT.signIn, commandId: TASKPANE_COMMAND, cancelLabel: 'Sign in', contextData: '{"reason":"signin"}',
  });
});

test('when the credential has expired, then the send stops asking to sign in again', async () => {
  const { fake, sealpost, run } = setup({ credential: 'expired' });
  fake.state.to = [person('ann@client.example')];
  expect(await run()).toMatchObject({ allowEvent: false, errorMessage: SIGN_IN_ALERT.sessionEnded, cancelLabel: 'Sign in' });
  expect(sealpost.classifyCalls).toEqual([]);
});

test('when a new recipient is not confirmed, then the send stops naming them, with a Review button and their address as context', async () => {
  const { fake, sealpost, run } = setup();
  sealpost.outcomes.set('pat@clinic.example', 'member_pro');
  fake.state.to = [person('pat@clinic.example', 'Pat Pro'), person('Ann@Client.example', 'Ann Lee')];
  const options = await run();
  expect(options).toMatchObject({ allowEvent: false, commandId: TASKPANE_COMMAND, cancelLabel: 'Review' });
  expect(options.errorMessage).toBe('Ann Lee (ann@client.example) is new to Sealpost. Confirm the invitation before sending securely. Choose Review to check the recipients.');
  expect(JSON.parse(options.contextData as string)).toEqual({ reason: 'review', emails: ['ann@client.example'] });
  expect(sealpost.classifyCalls).toEqual([{ token: 'access-1', emails: ['pat@clinic.example', 'Ann@Client.example'] }]);
  expect(sealpost.sends).toEqual([]);
  expect(JSON.parse(fake.state.sessionData.get(KEYS.classification)!).recipients).toHaveLength(2);
});

test('when a recipient is a list without an address (a contact group), or has no address, or cannot receive, or was skipped, then the send stops saying so', async () => {
  const { fake, sealpost, run, decide } = setup();
  sealpost.outcomes.set('gone@client.example', 'removed');
  fake.state.to = [
    { displayName: 'All clients', emailAddress: '', recipientType: 'distributionList' } as Office.EmailAddressDetails,
    { displayName: 'Someone', emailAddress: '', recipientType: 'other' } as Office.EmailAddressDetails,
    person('gone@client.example'),
  ];
  fake.state.cc = [person('skip@client.example', 'Sam Skip')];
  decide([], ['skip@client.example']);
  const { errorMessage } = await run();
  expect(errorMessage).toBe(
    'Sealpost cannot deliver to gone@client.example. Remove them to send securely. ' +
      'All clients is a list: Sealpost never invites a list. Add the people on it yourself, then remove the list. ' +
      'Someone has no usable email address (expand contact groups). ' +
      'You chose not to invite Sam Skip (skip@client.example): remove them from the message. Choose Review to check the recipients.',
  );
  expect(errorMessage!.length).toBeLessThanOrEqual(500);
});

test('when fifty new recipients are unconfirmed, then the message stays within 500 characters and counts the rest', async () => {
  const { fake, run } = setup();
  fake.state.to = Array.from({ length: 50 }, (_, i) => person(`client${i}@far-away-domain.example`, `Client Number ${i}`));
  const options = await run();
  expect(options.errorMessage!.length).toBeLessThanOrEqual(500);
  expect(options.errorMessage).toMatch(/and \d+ more are new to Sealpost/);
  expect(options.cancelLabel!.length).toBeLessThanOrEqual(20);
});

test('when everyone is confirmed, then attachments are uploaded, the message is posted, the body becomes the notice and attachments go', async () => {
  const { fake, sealpost, run, decide } = setup();
  sealpost.outcomes.set('pat@clinic.example', 'member_pro');
  fake.state.to = [person('pat@clinic.example', 'Pat Pro'), person('ann@client.example', 'Ann Lee')];
  fake.state.bcc = [person('me@clinic.example')];
  sealpost.outcomes.set('me@clinic.example', 'self');
  fake.state.attachments = [
    { id: 'a1', name: 'draft.pdf', size: 5, attachmentType: 'file', isInline: false, format: 'base64', content: Buffer.from('%PDF-').toString('base64') },
    { id: 'a2', name: 'Earlier mail', size: 9, attachmentType: 'item', isInline: false, format: 'eml', content: 'Subject: é' },
  ];
  decide(['ann@client.example']);
  expect(await run()).toEqual({ allowEvent: true });

  expect(sealpost.uploads.map((u) => [u.name, u.contentType, Buffer.from(u.bytes).toString('utf8')])).toEqual([
    ['draft.pdf', 'application/pdf', '%PDF-'],
    ['Earlier mail.eml', 'message/rfc822', 'Subject: é'],
  ]);
  expect(sealpost.sends).toHaveLength(1);
  const { input, key } = sealpost.sends[0]!;
  expect(input).toEqual({
    subject: 'Your tax return',
    html: '<p>Dear Ann, the draft is attached.</p>',
    to: [{ email: 'pat@clinic.example', displayName: 'Pat Pro' }, { email: 'ann@client.example', displayName: 'Ann Lee' }],
    cc: [],
    bcc: [{ email: 'me@clinic.example' }],
    attachmentIds: ['f1', 'f2'],
    confirmedInvitations: ['ann@client.example'],
    deliveredByClient: true,
  });
  expect(key).toMatch(/^outlook-ItemKey0123456789abcdef-[0-9a-f]{16}$/);
  expect(fake.state.bodyHtml).toContain(NOTICE_MARKER);
  expect(fake.state.bodyHtml).toContain('https://sealpost.example.com/portal/messages/');
  expect(fake.state.bodyHtml).toContain('Secure message from Harbor Clinic');
  expect(fake.state.bodyHtml).not.toContain('Dear Ann');
  expect(fake.state.attachments).toEqual([]);
  expect(fake.state.sessionData.has(KEYS.credential)).toBe(false);
});

test('when the answer to the post is lost, then the retry sends the same key and body, reusing the uploads', async () => {
  const { fake, sealpost, run, decide } = setup();
  fake.state.to = [person('ann@client.example')];
  fake.state.attachments = [{ id: 'a1', name: 'a.txt', size: 2, attachmentType: 'file', isInline: false, format: 'base64', content: 'aGk=' }];
  decide(['ann@client.example']);
  // Sealpost stores the message, but its answer never arrives.
  const post = sealpost.api.sendMessage;
  sealpost.api.sendMessage = async (...args) => {
    sealpost.api.sendMessage = post;
    await post(...args);
    throw unreachable();
  };
  expect(await run()).toEqual({ allowEvent: false, errorMessage: MESSAGES.unreachable });
  expect(fake.state.bodyHtml).not.toContain(NOTICE_MARKER);
  expect(fake.state.attachments).toHaveLength(1);

  expect(await run()).toEqual({ allowEvent: true });
  expect(sealpost.uploads).toHaveLength(1);
  const [first, second] = sealpost.sends;
  expect(second!.key).toBe(first!.key);
  expect(second!.input).toEqual(first!.input);
  expect(fake.state.bodyHtml).toContain(`/portal/messages/00000000-0000-4000-8000-000000000001`);
});

test('when the message is stored but an attachment cannot be removed, then nothing leaves; the next send finishes without posting again', async () => {
  const { fake, sealpost, run, decide } = setup();
  fake.state.to = [person('ann@client.example')];
  fake.state.attachments = [{ id: 'a1', name: 'a.txt', size: 2, attachmentType: 'file', isInline: false, format: 'base64', content: 'aGk=' }];
  decide(['ann@client.example']);
  sealpost.brand = { organizationName: 'Harbor Clinic', accentColor: '#7a1f5c', logoUrl: 'https://sealpost.example.com/api/v1/branding/logo/o?v=1' };
  fake.fail('removeAttachmentAsync');
  expect(await run()).toEqual({ allowEvent: false, errorMessage: MESSAGES.rewriteFailed });
  expect(sealpost.sends).toHaveLength(1);
  expect(fake.state.attachments).toHaveLength(1);

  fake.recover('removeAttachmentAsync');
  expect(await run()).toEqual({ allowEvent: true });
  expect(sealpost.sends).toHaveLength(1);
  expect(sealpost.classifyCalls).toHaveLength(1);
  expect(fake.state.bodyHtml).toContain(NOTICE_MARKER);
  // Rewritten without asking Sealpost again, in the brand it had given for this message.
  expect(fake.state.bodyHtml).toContain('Secure message from Harbor Clinic');
  expect(fake.state.bodyHtml).toContain('background:#7a1f5c');
  expect(fake.state.bodyHtml).toContain('src="https://sealpost.example.com/api/v1/branding/logo/o?v=1"');
  expect(fake.state.attachments).toEqual([]);
});

test('when Sealpost cannot be reached while classifying, then the send stops and the body is untouched', async () => {
  const { fake, sealpost, run } = setup();
  fake.state.to = [person('ann@client.example')];
  sealpost.failNext('classify', unreachable());
  expect(await run()).toEqual({ allowEvent: false, errorMessage: MESSAGES.unreachable });
  expect(fake.state.bodyHtml).toContain('Dear Ann');
});

test('when Sealpost says the session is over, then the send stops with the Sign in button', async () => {
  const { fake, sealpost, run } = setup();
  fake.state.to = [person('ann@client.example')];
  sealpost.failNext('classify', new ApiError(401, 'session_revoked', 'Signed out.'));
  expect(await run()).toMatchObject({ allowEvent: false, errorMessage: SIGN_IN_ALERT.sessionEnded, cancelLabel: 'Sign in' });
});

test('when Sealpost refuses the message, then its sentence is shown', async () => {
  const { fake, sealpost, run, decide } = setup();
  fake.state.to = [person('ann@client.example')];
  decide(['ann@client.example']);
  sealpost.failNext('sendMessage', new ApiError(403, 'access_revoked', 'Your access to Harbor Clinic was revoked.'));
  expect(await run()).toEqual({ allowEvent: false, errorMessage: 'Sealpost did not accept this message: Your access to Harbor Clinic was revoked.' });
});

test('when Outlook fails to give the body, then the send is blocked once with the generic sentence', async () => {
  const { fake, run, decide } = setup();
  fake.state.to = [person('ann@client.example')];
  decide(['ann@client.example']);
  fake.fail('body.getAsync');
  expect(await run()).toEqual({ allowEvent: false, errorMessage: MESSAGES.failed });
});

test('when Sealpost never answers, then the deadline blocks the send once and the late answer changes nothing', async () => {
  const { fake, sealpost, deps, completed } = setup();
  fake.state.to = [person('ann@client.example')];
  let release: () => void = () => undefined;
  sealpost.failNext('classify', () => new Promise<never>((_resolve, reject) => (release = () => reject(unreachable()))));
  const done = handleMessageSend(deps({ deadlineMs: 20 }));
  await new Promise((resolve) => setTimeout(resolve, 40));
  expect(completed).toHaveBeenCalledWith({ allowEvent: false, errorMessage: MESSAGES.tooSlow });
  release();
  await done;
  expect(completed).toHaveBeenCalledTimes(1);
  expect(fake.state.bodyHtml).toContain('Dear Ann');
});

describe("the organization's 'external_always' policy, recorded on the item by the pane", () => {
  test('when the switch is off and a recipient is outside the organization, then the message is still sent securely', async () => {
    const { fake, sealpost, run, decide } = setup({ secure: false, policy: 'external_always' });
    sealpost.outcomes.set('pat@clinic.example', 'member_pro');
    fake.state.to = [person('pat@clinic.example', 'Pat Pro'), person('ann@client.example', 'Ann Lee')];
    decide(['ann@client.example']);
    expect(await run()).toEqual({ allowEvent: true });
    expect(sealpost.classifyCalls).toHaveLength(1);
    expect(sealpost.sends).toHaveLength(1);
    expect(sealpost.sends[0]!.input.confirmedInvitations).toEqual(['ann@client.example']);
    expect(fake.state.bodyHtml).toContain(NOTICE_MARKER);
    expect(fake.state.bodyHtml).not.toContain('Dear Ann');
  });

  test('when the switch is off and an outsider is not confirmed yet, then the send stops for review like any secure send', async () => {
    const { fake, sealpost, run } = setup({ secure: false, policy: 'external_always' });
    sealpost.outcomes.set('gus@clinic.example', 'member_guest');
    fake.state.to = [person('gus@clinic.example')];
    fake.state.cc = [person('ann@client.example', 'Ann Lee')];
    expect(await run()).toMatchObject({ allowEvent: false, cancelLabel: 'Review', contextData: '{"reason":"review","emails":["ann@client.example"]}' });
    expect(sealpost.sends).toEqual([]);
    expect(fake.state.bodyHtml).toContain('Dear Ann');
  });

  test('when a guest of the organization is the only outsider, then the send is secure too (only pros count as inside)', async () => {
    const { fake, sealpost, run } = setup({ secure: false, policy: 'external_always' });
    sealpost.outcomes.set('gus@clinic.example', 'member_guest');
    fake.state.to = [person('gus@clinic.example')];
    expect(await run()).toEqual({ allowEvent: true });
    expect(sealpost.sends).toHaveLength(1);
    expect(fake.state.bodyHtml).toContain(NOTICE_MARKER);
  });

  test('when the switch is off and everyone is a pro of the organization (or the sender), then the message goes out as written', async () => {
    const { fake, sealpost, run } = setup({ secure: false, policy: 'external_always' });
    sealpost.outcomes.set('pat@clinic.example', 'member_pro');
    sealpost.outcomes.set('me@clinic.example', 'self');
    fake.state.to = [person('pat@clinic.example')];
    fake.state.bcc = [person('me@clinic.example')];
    fake.state.attachments = [{ id: 'a1', name: 'a.txt', size: 2, attachmentType: 'file', isInline: false, format: 'base64', content: 'aGk=' }];
    expect(await run()).toEqual({ allowEvent: true });
    expect(sealpost.sends).toEqual([]);
    expect(sealpost.uploads).toEqual([]);
    expect(fake.state.bodyHtml).toBe('<p>Dear Ann, the draft is attached.</p>');
    expect(fake.state.attachments).toHaveLength(1);
  });

  test('when the policy is known but no credential is, then the send stops asking to sign in (who is outside cannot be checked)', async () => {
    const { fake, sealpost, run } = setup({ secure: false, policy: 'external_always', credential: 'none' });
    fake.state.to = [person('ann@client.example')];
    expect(await run()).toMatchObject({ allowEvent: false, errorMessage: SIGN_IN_ALERT.policySignIn, cancelLabel: 'Sign in', commandId: TASKPANE_COMMAND });
    expect(sealpost.classifyCalls).toEqual([]);
  });

  test("when the policy is 'user_choice' and there is no credential, then the switch alone decides (off: allowed at once)", async () => {
    const { fake, sealpost, run } = setup({ secure: false, policy: 'user_choice', credential: 'none' });
    fake.state.to = [person('ann@client.example')];
    expect(await run()).toEqual({ allowEvent: true });
    expect(sealpost.classifyCalls).toEqual([]);
  });

  test('when the policy forces a secure send and Sealpost never answers, then the deadline completes the event exactly once', async () => {
    const { fake, sealpost, deps, completed } = setup({ secure: false, policy: 'external_always' });
    fake.state.to = [person('ann@client.example')];
    let release: () => void = () => undefined;
    sealpost.failNext('classify', () => new Promise<never>((_resolve, reject) => (release = () => reject(unreachable()))));
    const done = handleMessageSend(deps({ deadlineMs: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 40));
    release();
    await done;
    expect(completed).toHaveBeenCalledTimes(1);
    expect(completed).toHaveBeenCalledWith({ allowEvent: false, errorMessage: MESSAGES.tooSlow });
  });
});

test('when a new recipient\'s domain imitates a known one, then the alert says so first, naming both domains', async () => {
  const { fake, sealpost, run } = setup();
  sealpost.outcomes.set('pat@clinic.example', 'member_pro');
  fake.state.to = [person('pat@clinic.example', 'Pat Pro'), person('ann@cl1nic.example', 'Ann Lee')];
  const classify = sealpost.api.classify;
  sealpost.api.classify = async (...args) => {
    const answer = await classify(...args);
    return { ...answer, recipients: answer.recipients.map((r) => (r.email === 'ann@cl1nic.example' ? { ...r, lookalike: { resembles: 'clinic.example', reason: 'confusable' as const } } : r)) };
  };
  const options = await run();
  expect(options).toMatchObject({ allowEvent: false, cancelLabel: 'Review' });
  expect(options.errorMessage).toMatch(/^Check the address: ann@cl1nic\.example looks like clinic\.example but is not\. Ann Lee \(ann@cl1nic\.example\) is new to Sealpost/);
});
