/**
 * The send handler against what real Outlook clients do beyond our own assumptions: a reply's collapsed original
 * (office-js#1779), a reopened draft (custom properties outlive sessionData), inline images the client does not list
 * (#4995, #6315) or gives empty (#6098), plain-text bodies, unresolved recipients, missing sessionData methods
 * (#4154, #4169), and a stored send edited before it finally went.
 */
import { DEVICE_KEYS, handlerSession } from './handlerSession';
import { KEYS, itemState } from '../item/itemState';
import { MESSAGES } from './blockMessages';
import { SIGN_IN_ALERT } from './testing/alertText';
import { NOTICE_MARKER } from './notice';
import { NOW, person, sendHarness } from './testing/sendHarness';

const profile = (secureSendPolicy: 'user_choice' | 'external_always') =>
  JSON.stringify({ apiBase: 'https://sealpost.example.com', accountEmail: 'pat@clinic.example', organizationId: 'o', secureSendPolicy, fetchedAt: NOW - 60_000 });

const QUOTE = '<div id="divRplyFwdMsg"><p>From: Ann. Earlier: her diagnosis is attached.</p></div>';

test('when a reply keeps its original collapsed (web, new Outlook), then the send stops asking to expand it and nothing is stored', async () => {
  const h = sendHarness();
  h.fake.state.to = [person('ann@client.example')];
  h.decide(['ann@client.example']);
  h.fake.state.hiddenQuote = QUOTE;
  expect(await h.run()).toMatchObject({ allowEvent: false, errorMessage: MESSAGES.collapsedQuote });
  expect(h.sealpost.sends).toEqual([]);
  expect(h.fake.state.bodyHtml).toContain('Dear Ann');
});

test('when the sender expanded the original, then the secure copy holds it and Outlook is left with the notice alone', async () => {
  const h = sendHarness();
  h.fake.state.to = [person('ann@client.example')];
  h.decide(['ann@client.example']);
  h.fake.state.bodyHtml += QUOTE;
  expect(await h.run()).toEqual({ allowEvent: true });
  expect(h.sealpost.sends[0]!.input.html).toContain('her diagnosis');
  expect(h.fake.state.bodyHtml).toContain(NOTICE_MARKER);
  expect(h.fake.state.bodyHtml).not.toContain('diagnosis');
});

test('when a draft is reopened (sessionData empty) and its custom property says secure, then it is not sent in clear', async () => {
  const h = sendHarness({ secure: false });
  h.device.set(DEVICE_KEYS.profile, profile('user_choice'));
  h.fake.state.customProperties.set(KEYS.secure, 'on');
  h.fake.state.to = [person('ann@client.example')];
  // The confirmation lived in the lost sessionData: Ann must be confirmed again.
  expect(await h.run()).toMatchObject({ allowEvent: false, cancelLabel: 'Review' });
  expect(h.fake.state.bodyHtml).toContain('Dear Ann');
});

test('when the pane turns the switch on or off, then the draft keeps it in its custom properties', async () => {
  const h = sendHarness({ secure: false });
  const state = itemState(h.adapter.sessionData, h.adapter.durable);
  await state.setSecure(true);
  expect(h.fake.state.customProperties.get(KEYS.secure)).toBe('on');
  h.fake.state.sessionData.clear();
  expect(await state.isSecure()).toBe(true);
  await state.setSecure(false);
  expect(h.fake.state.customProperties.get(KEYS.secure)).toBe('off');
  expect(await state.isSecure()).toBe(false);
});

test('when a reopened draft was stored already (custom property), then Send finishes the notice without posting again', async () => {
  const h = sendHarness();
  h.fake.state.to = [person('ann@client.example')];
  h.decide(['ann@client.example']);
  h.fake.fail('body.setAsync');
  expect(await h.run()).toMatchObject({ allowEvent: false, errorMessage: MESSAGES.rewriteFailed });
  expect(h.sealpost.sends).toHaveLength(1);
  h.fake.recover('body.setAsync');
  h.fake.state.sessionData.clear();
  h.device.set(DEVICE_KEYS.profile, profile('user_choice'));
  expect(await h.run()).toEqual({ allowEvent: true });
  expect(h.sealpost.sends).toHaveLength(1);
  expect(h.fake.state.bodyHtml).toContain(NOTICE_MARKER);
  // Its work done, the mark goes: a sent copy opened again ("Resend", "Edit as new") is not taken for stored.
  expect(h.fake.state.customProperties.has(KEYS.delivered)).toBe(false);
});

test('when a stored send is edited or gets a new recipient before it goes, then it stops instead of dropping the change', async () => {
  const h = sendHarness();
  h.fake.state.to = [person('ann@client.example')];
  h.decide(['ann@client.example']);
  h.fake.fail('body.setAsync');
  await h.run();
  h.fake.recover('body.setAsync');
  h.fake.state.bodyHtml = '<p>NEW confidential text typed after the failure</p>';
  expect(await h.run()).toMatchObject({ allowEvent: false, errorMessage: MESSAGES.changedAfterStore });
  expect(h.fake.state.bodyHtml).toContain('NEW confidential');
  h.fake.state.bodyHtml = '<p>Dear Ann, the draft is attached.</p>';
  h.fake.state.to.push(person('new@other.example'));
  expect(await h.run()).toMatchObject({ allowEvent: false, errorMessage: MESSAGES.changedAfterStore });
  h.fake.state.to.pop();
  expect(await h.run()).toEqual({ allowEvent: true });
  expect(h.sealpost.sends).toHaveLength(1);
});

test('when the body shows a picture the client lists only after a save, then the draft is saved and the picture goes securely', async () => {
  const h = sendHarness();
  h.fake.state.to = [person('ann@client.example')];
  h.decide(['ann@client.example']);
  h.fake.state.bodyHtml = '<p>Scan:</p><img src="cid:scan001@clinic">';
  h.fake.state.unsavedAttachments.push({ id: 'img1', name: 'scan.png', size: 4, attachmentType: 'file', isInline: true, contentId: 'scan001@clinic', format: 'base64', content: 'AQIDBA==' });
  expect(await h.run()).toEqual({ allowEvent: true });
  expect(h.sealpost.uploads.map((u) => u.name)).toEqual(['scan.png']);
  expect(h.fake.state.attachments).toEqual([]);
});

test('when the body shows a picture Outlook never lists, then the send stops and nothing is stored', async () => {
  const h = sendHarness();
  h.fake.state.to = [person('ann@client.example')];
  h.decide(['ann@client.example']);
  h.fake.state.bodyHtml = '<p>Scan:</p><img src="cid:scan001@clinic">';
  expect(await h.run()).toMatchObject({ allowEvent: false, errorMessage: MESSAGES.inlineMissing });
  expect(h.sealpost.sends).toEqual([]);
});

test('when Outlook gives an attachment no content, then the send stops naming it and no empty file is uploaded', async () => {
  const h = sendHarness();
  h.fake.state.to = [person('ann@client.example')];
  h.decide(['ann@client.example']);
  h.fake.state.attachments.push({ id: 'a1', name: 'x-ray.png', size: 5000, attachmentType: 'file', isInline: true, contentId: 'xr', format: 'base64', content: '' });
  const options = await h.run();
  expect(options).toMatchObject({ allowEvent: false });
  expect(options.errorMessage).toContain('"x-ray.png"');
  expect(h.sealpost.uploads).toEqual([]);
  expect(h.sealpost.sends).toEqual([]);
});

test('when the message is written as plain text, then the notice is set as text and the secure copy keeps the lines', async () => {
  const h = sendHarness();
  h.fake.state.to = [person('ann@client.example')];
  h.decide(['ann@client.example']);
  h.fake.state.bodyType = 'text';
  h.fake.state.bodyHtml = 'Dear Ann,\nyour results 5 > 3 are in.';
  expect(await h.run()).toEqual({ allowEvent: true });
  expect(h.sealpost.sends[0]!.input.html).toBe('<div style="white-space:pre-wrap">Dear Ann,\nyour results 5 &gt; 3 are in.</div>');
  expect(h.fake.state.bodyHtml).toContain('Read the secure message: https://');
  expect(h.fake.state.bodyHtml).not.toContain('results');
});

test('when external mail must be secure and Outlook shows no recipient (unresolved addresses), then the send stops', async () => {
  const h = sendHarness({ secure: false, policy: 'external_always' });
  expect(await h.run()).toMatchObject({ allowEvent: false, errorMessage: MESSAGES.noVisibleRecipients });
  expect(h.fake.state.bodyHtml).toContain('Dear Ann');
});

test('when sessionData has no methods and the draft says the switch is on, then the send stops rather than go in clear', async () => {
  const h = sendHarness({ sessionDataMethods: false, credential: 'none', secure: false });
  h.device.set(DEVICE_KEYS.profile, profile('user_choice'));
  h.fake.state.to = [person('ann@client.example')];
  h.fake.state.customProperties.set(KEYS.secure, 'on');
  expect(await h.run()).toMatchObject({ allowEvent: false, errorMessage: MESSAGES.noSessionData });
  h.fake.state.customProperties.set(KEYS.secure, 'off');
  expect(await h.run()).toEqual({ allowEvent: true });
});

test('when sessionData has no methods and the custom properties cannot be read either, then the send stops', async () => {
  const h = sendHarness({ sessionDataMethods: false, customProperties: false, credential: 'none', secure: false });
  h.device.set(DEVICE_KEYS.profile, profile('user_choice'));
  h.fake.state.to = [person('ann@client.example')];
  expect(await h.run()).toMatchObject({ allowEvent: false, errorMessage: MESSAGES.noSessionData });
});

test('when a second Outlook account sends on a device where another person signed in, then it does not inherit their session', async () => {
  const h = sendHarness({ userEmail: 'bob@other-org.example', credential: 'none' });
  // What the device holds for the first person (written before sessions were kept per Outlook account).
  h.device.set(DEVICE_KEYS.session, JSON.stringify({ accessToken: 'pat-device', refreshToken: 'r', expiresAt: NOW + 600_000, apiBase: 'https://sealpost.example.com' }));
  h.device.set(DEVICE_KEYS.profile, profile('user_choice'));
  h.fake.state.to = [person('ann@client.example')];
  h.decide(['ann@client.example']);
  expect(await h.run()).toMatchObject({ allowEvent: false, errorMessage: SIGN_IN_ALERT.signIn, cancelLabel: 'Sign in' });
  expect(h.sealpost.sends).toEqual([]);
  expect(h.sealpost.classifyCalls).toEqual([]);
});

test('when the sender signs out in the pane, then the handler\'s device session is ended and the next secure send asks to sign in', async () => {
  const h = sendHarness({ userEmail: 'pat@clinic.example' });
  h.fake.state.to = [person('ann@client.example')];
  h.decide(['ann@client.example']);
  expect(await h.run()).toEqual({ allowEvent: true });
  expect(h.sealpost.deviceSessions).toEqual(['access-1']);
  // The next message: no pane credential, the device session serves.
  const again = () => {
    h.fake.state.sessionData.clear();
    h.fake.state.customProperties.clear();
    h.fake.state.sessionData.set(KEYS.secure, 'on');
    h.decide(['ann@client.example']);
    h.fake.state.bodyHtml = '<p>Second letter</p>';
  };
  again();
  expect(await h.run()).toEqual({ allowEvent: true });
  await handlerSession({ storage: h.deps().storage, apiFor: () => h.sealpost.api, now: () => NOW, owner: 'pat@clinic.example' }).signOut();
  expect(h.sealpost.logouts).toEqual(['device-access-1']);
  again();
  expect(await h.run()).toMatchObject({ allowEvent: false, errorMessage: SIGN_IN_ALERT.signIn });
});
