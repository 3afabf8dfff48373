/**
 * The organization's "external mail must be secure" rule holds at Send on every message, pane open or not, and a
 * signed-in sender meets "Sign in" at most once per session on a device: the handler keeps its own device session
 * (OfficeRuntime.storage in classic Windows, localStorage in browser runtimes) and the rules, and refreshes both.
 */
import { ApiError } from '../api/http';
import { KEYS } from '../item/itemState';
import { unreachable } from '../testing/fakeSealpost';
import { SIGN_IN_ALERT } from './testing/alertText';
import { DEVICE_KEYS, PROFILE_MAX_AGE_MS } from './handlerSession';
import { NOTICE_MARKER } from './notice';
import { NOW, person, sendHarness } from './testing/sendHarness';

const profile = (secureSendPolicy: 'user_choice' | 'external_always', fetchedAt = NOW - 60_000) =>
  JSON.stringify({ apiBase: 'https://sealpost.example.com', accountEmail: 'pat@clinic.example', organizationId: 'o', secureSendPolicy, fetchedAt });
const deviceSession = (expiresAt = NOW + 600_000) =>
  JSON.stringify({ accessToken: 'device-access-0', refreshToken: 'device-refresh-0', expiresAt, apiBase: 'https://sealpost.example.com' });
/** A new message on the same device: the item's state starts empty. */
const newMessage = (fake: ReturnType<typeof sendHarness>['fake']) => {
  fake.state.sessionData.clear();
  fake.state.bodyHtml = '<p>Dear Ann, the draft is attached.</p>';
};

describe.each(['officeRuntime', 'localStorage'] as const)('with the device storage of %s', (storage) => {
  test('when the pane was never opened on the message and the organization requires secure external mail, then the message is stored securely', async () => {
    const { fake, sealpost, run, device, decide } = sendHarness({ storage, secure: false, credential: 'none' });
    device.set(DEVICE_KEYS.session, deviceSession());
    device.set(DEVICE_KEYS.profile, profile('external_always'));
    fake.state.to = [person('ann@client.example')];
    decide(['ann@client.example']);
    expect(await run()).toEqual({ allowEvent: true });
    expect(sealpost.sends).toHaveLength(1);
    expect(sealpost.sends[0]!.token).toBe('device-access-0');
    expect(fake.state.bodyHtml).toContain(NOTICE_MARKER);
    expect(fake.state.bodyHtml).not.toContain('Dear Ann');
  });

  test('when the policy requires secure mail and no one on the message is outside, then it goes as written without a pane', async () => {
    const { fake, sealpost, run, device } = sendHarness({ storage, secure: false, credential: 'none' });
    device.set(DEVICE_KEYS.session, deviceSession());
    device.set(DEVICE_KEYS.profile, profile('external_always'));
    sealpost.outcomes.set('pat2@clinic.example', 'member_pro');
    fake.state.to = [person('pat2@clinic.example')];
    expect(await run()).toEqual({ allowEvent: true });
    expect(sealpost.sends).toEqual([]);
    expect(fake.state.bodyHtml).toContain('Dear Ann');
  });

  test('when the device never signed in, then the first send asks once; with the pane signed in it gets its own session, and later sends need no pane', async () => {
    const { fake, sealpost, run, device, advance } = sendHarness({ storage, secure: false, credential: 'none' });
    sealpost.secureSendPolicy = 'external_always';
    sealpost.outcomes.set('pat2@clinic.example', 'member_pro');
    fake.state.to = [person('pat2@clinic.example')];

    expect(await run()).toMatchObject({ allowEvent: false, errorMessage: SIGN_IN_ALERT.firstSignIn, cancelLabel: 'Sign in' });

    // The Sign in button opened the pane, which signed in and left its short-lived credential on the item.
    fake.state.sessionData.set(KEYS.credential, JSON.stringify({ accessToken: 'access-1', expiresAt: NOW + 600_000, apiBase: sealpost.api.baseUrl }));
    expect(await run()).toEqual({ allowEvent: true });
    expect(sealpost.deviceSessions).toEqual(['access-1']);
    expect(JSON.parse(device.get(DEVICE_KEYS.session)!)).toMatchObject({ refreshToken: 'device-refresh-1' });

    // Hours later, a new message with the pane never opened: the handler refreshes its own session.
    advance(3 * 3_600_000);
    newMessage(fake);
    fake.state.to = [person('ann@client.example')];
    const blocked = await run();
    expect(blocked).toMatchObject({ allowEvent: false, cancelLabel: 'Review' });
    expect(sealpost.refreshCalls).toEqual(['device-refresh-1']);
    expect(sealpost.meCalls.at(-1)).toBe('access-2');
    expect(sealpost.deviceSessions).toHaveLength(1);
  });

  test('when the organization lets senders choose and the device never signed in, then one sign-in serves every later message', async () => {
    const { fake, sealpost, run, advance } = sendHarness({ storage, secure: false, credential: 'none' });
    fake.state.to = [person('ann@client.example')];
    expect(await run()).toMatchObject({ allowEvent: false, errorMessage: SIGN_IN_ALERT.firstSignIn });
    // The pane, opened by the alert's Sign in button, leaves its credential on the item (switch off).
    fake.state.sessionData.set(KEYS.credential, JSON.stringify({ accessToken: 'access-1', expiresAt: NOW + 600_000, apiBase: sealpost.api.baseUrl }));
    expect(await run()).toEqual({ allowEvent: true });
    for (const hours of [1, 5, 30]) {
      advance(hours * 3_600_000);
      newMessage(fake);
      fake.state.to = [person('ann@client.example')];
      expect(await run()).toEqual({ allowEvent: true });
    }
    expect(sealpost.deviceSessions).toEqual(['access-1']);
    expect(sealpost.classifyCalls).toEqual([]);
  });

  test('when the organization lets senders choose and the device learnt it recently, then a switch-off send asks Sealpost nothing', async () => {
    const { fake, sealpost, run, device } = sendHarness({ storage, secure: false, credential: 'none' });
    device.set(DEVICE_KEYS.session, deviceSession(NOW - 1));
    device.set(DEVICE_KEYS.profile, profile('user_choice'));
    fake.state.to = [person('ann@client.example')];
    expect(await run()).toEqual({ allowEvent: true });
    expect([sealpost.refreshCalls, sealpost.meCalls, sealpost.classifyCalls]).toEqual([[], [], []]);
  });

  test('when the rules are old, then they are read again; if Sealpost changed to secure-only, the next external send is secure', async () => {
    const { fake, sealpost, run, device } = sendHarness({ storage, secure: false, credential: 'none' });
    device.set(DEVICE_KEYS.session, deviceSession());
    device.set(DEVICE_KEYS.profile, profile('user_choice', NOW - PROFILE_MAX_AGE_MS - 1));
    sealpost.secureSendPolicy = 'external_always';
    fake.state.to = [person('ann@client.example')];
    expect(await run()).toMatchObject({ allowEvent: false, cancelLabel: 'Review' });
    expect(JSON.parse(device.get(DEVICE_KEYS.profile)!)).toMatchObject({ secureSendPolicy: 'external_always', fetchedAt: NOW });
  });

  test('when the old rules allowed choice and Sealpost cannot be reached, then a switch-off send still goes', async () => {
    const { fake, sealpost, run, device } = sendHarness({ storage, secure: false, credential: 'none' });
    device.set(DEVICE_KEYS.session, deviceSession(NOW - 1));
    device.set(DEVICE_KEYS.profile, profile('user_choice', NOW - PROFILE_MAX_AGE_MS - 1));
    sealpost.failNext('refresh', unreachable());
    fake.state.to = [person('ann@client.example')];
    expect(await run()).toEqual({ allowEvent: true });
  });

  test('when Sealpost has revoked the device session, then it is forgotten and the send asks to sign in', async () => {
    const { fake, sealpost, run, device } = sendHarness({ storage, secure: false, credential: 'none' });
    device.set(DEVICE_KEYS.session, deviceSession(NOW - 1));
    device.set(DEVICE_KEYS.profile, profile('external_always'));
    sealpost.failNext('refresh', new ApiError(401, 'refresh_token_reused', 'Signed out.'));
    fake.state.to = [person('ann@client.example')];
    expect(await run()).toMatchObject({ allowEvent: false, errorMessage: SIGN_IN_ALERT.policySignIn, cancelLabel: 'Sign in' });
    expect(device.has(DEVICE_KEYS.session)).toBe(false);
  });

  test('when secure sending is on and only the device session is at hand, then the message is sent with it', async () => {
    const { fake, sealpost, run, device, decide } = sendHarness({ storage, credential: 'none' });
    device.set(DEVICE_KEYS.session, deviceSession());
    fake.state.to = [person('ann@client.example')];
    decide(['ann@client.example']);
    expect(await run()).toEqual({ allowEvent: true });
    expect(sealpost.sends[0]!.token).toBe('device-access-0');
  });
});

test('when someone else signs in in the pane on the same device, then the device session is replaced and the message goes as them', async () => {
  const { fake, sealpost, run, device, decide } = sendHarness({ credential: 'valid' });
  device.set(DEVICE_KEYS.session, deviceSession());
  device.set(DEVICE_KEYS.profile, profile('user_choice'));
  sealpost.accountEmail = 'dr.lee@clinic.example';
  fake.state.to = [person('ann@client.example')];
  decide(['ann@client.example']);
  expect(await run()).toEqual({ allowEvent: true });
  expect(sealpost.sends[0]!.token).toBe('access-1');
  expect(sealpost.deviceSessions).toEqual(['access-1']);
  expect(JSON.parse(device.get(DEVICE_KEYS.session)!)).toMatchObject({ refreshToken: 'device-refresh-1' });
  expect(JSON.parse(device.get(DEVICE_KEYS.profile)!)).toMatchObject({ accountEmail: 'dr.lee@clinic.example' });
});

test('when the runtime has no storage at all, then the pane credential still serves and nothing is kept', async () => {
  const { fake, sealpost, run, decide } = sendHarness({ storage: 'none' });
  fake.state.to = [person('ann@client.example')];
  decide(['ann@client.example']);
  expect(await run()).toEqual({ allowEvent: true });
  expect(sealpost.deviceSessions).toEqual([]);
});
