/** The task pane's view model against the fake Outlook item and a stand-in Sealpost API. */
import { ApiError } from '../../api/http';
import { KEYS } from '../../item/itemState';
import { createOfficeAdapter } from '../../office';
import { createFakeOutlook } from '../../office/testing/fakeOutlook';
import { createFakeSealpost } from '../../testing/fakeSealpost';
import { secureSwitchView } from '../features/secure/SecureSwitch';
import { createPaneModel, LOCKED_REASON, parseSignInMessage } from './paneModel';
import { createSessionManager, type StoredSession } from './session';

const NOW = 1_800_000_000_000;
const person = (emailAddress: string, displayName = '') => ({ emailAddress, displayName, recipientType: 'user' }) as Office.EmailAddressDetails;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(options: { signedIn?: boolean; context?: string } = {}) {
  const fake = createFakeOutlook({ mailboxVersion: '1.15' });
  const sealpost = createFakeSealpost();
  let stored: StoredSession | null = options.signedIn ? { accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: NOW + 600_000 } : null;
  const session = createSessionManager({ api: sealpost.api, now: () => NOW, storage: { load: () => stored, save: (s) => void (stored = s) } });
  const scheduled: number[] = [];
  fake.state.initializationContext = options.context ?? '';
  const model = createPaneModel({
    adapter: createOfficeAdapter(fake.office), api: sealpost.api, session, signInUrl: 'https://sealpost.example.com/addin/signin.html',
    now: () => NOW, schedule: (ms) => (scheduled.push(ms), () => undefined),
  });
  return { fake, sealpost, model, scheduled, stored: () => stored };
}

test('when nobody is signed in, then the pane asks to sign in and still lists the recipients', async () => {
  const { fake, model, sealpost } = setup();
  fake.state.to = [person('ann@client.example', 'Ann Lee')];
  await model.start();
  expect(model.getState()).toMatchObject({ phase: 'signed_out', rows: [{ displayName: 'Ann Lee', status: 'pending' }] });
  expect(sealpost.classifyCalls).toEqual([]);
});

test('when the sign-in dialog answers with tokens, then the account loads, recipients are classified and the session is kept', async () => {
  const { fake, model, sealpost, stored } = setup();
  sealpost.outcomes.set('pat@clinic.example', 'member_pro');
  fake.state.to = [person('pat@clinic.example'), person('ann@client.example')];
  await model.start();
  const signingIn = model.signIn();
  await settle();
  expect(fake.calls.find((c) => c.method === 'ui.displayDialogAsync')!.args[0]).toBe('https://sealpost.example.com/addin/signin.html');
  fake.dialogs[0]!.send(JSON.stringify({ type: 'signed_in', tokens: sealpost.tokens() }));
  await signingIn;
  expect(model.getState()).toMatchObject({ phase: 'ready', me: { organization: { name: 'Harbor Clinic' } }, signingIn: false });
  expect(model.getState().rows.map((r) => r.status)).toEqual(['member', 'new_unconfirmed']);
  expect(stored()).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: NOW + 900_000 });
});

test('when the person closes the sign-in dialog, then the pane stays signed out without an error', async () => {
  const { fake, model } = setup();
  await model.start();
  const signingIn = model.signIn();
  await settle();
  fake.dialogs[0]!.end(12006);
  await signingIn;
  expect(model.getState()).toMatchObject({ phase: 'signed_out', notice: null, signingIn: false });
});

test('when "Send securely" is turned on, then the item records it with a fresh credential for the handler; off removes the credential', async () => {
  const { fake, model, scheduled } = setup({ signedIn: true });
  await model.start();
  await model.setSecure(true);
  expect(fake.state.sessionData.get(KEYS.secure)).toBe('on');
  expect(JSON.parse(fake.state.sessionData.get(KEYS.credential)!)).toEqual({ accessToken: 'access-1', expiresAt: NOW + 600_000, apiBase: 'https://sealpost.example.com' });
  expect(fake.state.sessionData.get(KEYS.itemKey)).toMatch(/^[A-Za-z0-9]{32}$/);
  expect(scheduled.at(-1)).toBe(600_000 - 120_000 + 1_000);
  await model.setSecure(false);
  expect(fake.state.sessionData.has(KEYS.secure)).toBe(false);
  expect(fake.state.sessionData.has(KEYS.credential)).toBe(false);
});

test('when the access token is about to expire, then one refresh serves every caller and the new token is published', async () => {
  const { fake, model, sealpost, stored } = setup({ signedIn: true });
  fake.state.sessionData.set(KEYS.secure, 'on');
  const refresh = jest.spyOn(sealpost.api, 'refresh');
  stored()!.expiresAt = NOW + 60_000;
  await model.start();
  expect(refresh).toHaveBeenCalledTimes(1);
  expect(JSON.parse(fake.state.sessionData.get(KEYS.credential)!).accessToken).toBe('access-2');
});

test('when Sealpost ends the session on refresh, then the pane signs out and the item loses its credential', async () => {
  const { fake, model, sealpost, stored } = setup({ signedIn: true });
  fake.state.sessionData.set(KEYS.secure, 'on');
  fake.state.sessionData.set(KEYS.credential, '{"accessToken":"old","expiresAt":1,"apiBase":"x"}');
  stored()!.expiresAt = NOW + 1_000;
  sealpost.failNext('refresh', new ApiError(401, 'refresh_token_reused', 'Signed out.'));
  await model.start();
  expect(model.getState().phase).toBe('signed_out');
  expect(stored()).toBeNull();
  expect(fake.state.sessionData.has(KEYS.credential)).toBe(false);
});

test('when recipients are confirmed or skipped, then the decisions are recorded on the item', async () => {
  const { fake, model } = setup({ signedIn: true });
  fake.state.to = [person('a@x.example'), person('b@x.example'), person('c@x.example')];
  await model.start();
  await model.confirm('a@x.example');
  await model.skip('b@x.example');
  expect(JSON.parse(fake.state.sessionData.get(KEYS.decisions)!)).toEqual({ confirmed: ['a@x.example'], skipped: ['b@x.example'] });
  await model.confirmAll();
  expect(JSON.parse(fake.state.sessionData.get(KEYS.decisions)!)).toEqual({ confirmed: ['a@x.example', 'c@x.example'], skipped: ['b@x.example'] });
  expect(model.getState().rows.map((r) => r.status)).toEqual(['new_confirmed', 'new_skipped', 'new_confirmed']);
});

test('when recipients change in Outlook, then the list is classified again', async () => {
  const { fake, model, sealpost } = setup({ signedIn: true });
  await model.start();
  fake.state.cc = [person('new@x.example')];
  fake.raise('olkRecipientsChanged', { changedRecipientFields: { to: false, cc: true, bcc: false } });
  await settle();
  await settle();
  expect(sealpost.classifyCalls.at(-1)!.emails).toEqual(['new@x.example']);
  expect(model.getState().rows).toMatchObject([{ email: 'new@x.example', field: 'cc', status: 'new_unconfirmed' }]);
});

test('when the alert\'s Review button opened the pane, then the review is open with the named recipients first', async () => {
  const { model } = setup({ signedIn: true, context: '{"reason":"review","emails":["ann@client.example"]}' });
  await model.start();
  expect(model.getState()).toMatchObject({ reviewOpen: true, focus: ['ann@client.example'] });
});

test('when the pane is open and the alert asks again, then the review opens (InitializationContextChanged)', async () => {
  const { fake, model } = setup({ signedIn: true });
  await model.start();
  expect(model.getState().reviewOpen).toBe(false);
  fake.raise('olkInitializationContextChanged', { initializationContextData: '{"reason":"review","emails":[]}' });
  expect(model.getState().reviewOpen).toBe(true);
});

test('when the dialog sends something unexpected, then parsing refuses it; cancelled means no tokens', () => {
  expect(() => parseSignInMessage('not json')).toThrow(/does not understand/);
  expect(() => parseSignInMessage('{"type":"signed_in","tokens":{"accessToken":1}}')).toThrow(/does not understand/);
  expect(parseSignInMessage('{"type":"cancelled"}')).toBeNull();
});

describe("the organization's 'external_always' policy", () => {
  test('when a recipient is outside the organization, then the switch is on and locked, the item learns the policy and gets a credential', async () => {
    const { fake, model, sealpost } = setup({ signedIn: true });
    sealpost.secureSendPolicy = 'external_always';
    sealpost.outcomes.set('pat@clinic.example', 'member_pro');
    fake.state.to = [person('pat@clinic.example'), person('ann@client.example')];
    await model.start();
    expect(model.getState()).toMatchObject({ phase: 'ready', policy: 'external_always', secure: false, locked: true });
    expect(JSON.parse(fake.state.sessionData.get(KEYS.policy)!)).toEqual({ secureSendPolicy: 'external_always' });
    // The handler can classify on Send although the switch was never touched.
    expect(JSON.parse(fake.state.sessionData.get(KEYS.credential)!).accessToken).toBe('access-1');

    await model.setSecure(false);
    expect(model.getState()).toMatchObject({ locked: true, notice: { text: LOCKED_REASON } });

    // What the pane shows: the switch on, disabled, with the reason.
    expect(secureSwitchView(model.getState().secure, model.getState().locked)).toMatchObject({
      checked: true, disabled: true, reason: 'Your organization requires secure sending to people outside it.',
    });
    // The notice replaces the body only: the subject leaves in clear, and the sender is told so.
    expect(secureSwitchView(true, false).hint).toContain('The subject is not encrypted');
  });

  test('when everyone is a pro of the organization, then the switch is free; turning it off keeps the credential for the handler', async () => {
    const { fake, model, sealpost } = setup({ signedIn: true });
    sealpost.secureSendPolicy = 'external_always';
    sealpost.outcomes.set('pat@clinic.example', 'member_pro');
    fake.state.to = [person('pat@clinic.example')];
    await model.start();
    expect(model.getState()).toMatchObject({ locked: false, secure: false });
    await model.setSecure(true);
    await model.setSecure(false);
    expect(fake.state.sessionData.has(KEYS.secure)).toBe(false);
    expect(fake.state.sessionData.has(KEYS.credential)).toBe(true);

    // An outsider added later locks it again.
    fake.state.cc = [person('ann@client.example')];
    fake.raise('olkRecipientsChanged', { changedRecipientFields: { to: false, cc: true, bcc: false } });
    await settle();
    await settle();
    expect(model.getState().locked).toBe(true);
    expect(secureSwitchView(false, model.getState().locked)).toMatchObject({ checked: true, disabled: true });
    expect(secureSwitchView(false, false)).toEqual(expect.objectContaining({ checked: false, disabled: false, reason: null }));
  });

  test("when the policy is 'user_choice', then nothing is locked and the item records that", async () => {
    const { fake, model } = setup({ signedIn: true });
    fake.state.to = [person('ann@client.example')];
    await model.start();
    expect(model.getState()).toMatchObject({ policy: 'user_choice', locked: false });
    expect(JSON.parse(fake.state.sessionData.get(KEYS.policy)!)).toEqual({ secureSendPolicy: 'user_choice' });
    expect(fake.state.sessionData.has(KEYS.credential)).toBe(false);
  });
});

test("when the send handler asked to sign in and the organization lets senders choose, then after signing in the pane leaves it a credential with the switch off", async () => {
  const { fake, model, sealpost } = setup({ context: '{"reason":"signin"}' });
  sealpost.secureSendPolicy = 'user_choice';
  await model.start();
  const signingIn = model.signIn();
  await settle();
  fake.dialogs[0]!.send(JSON.stringify({ type: 'signed_in', tokens: sealpost.tokens() }));
  await signingIn;
  expect(model.getState()).toMatchObject({ phase: 'ready', secure: false, policy: 'user_choice' });
  expect(JSON.parse(fake.state.sessionData.get(KEYS.credential)!)).toMatchObject({ accessToken: 'access-1', apiBase: sealpost.api.baseUrl });
});
