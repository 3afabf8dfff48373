/** The OnMessageRecipientsChanged handler: refreshes the classification stored for the pane, and always completes once. */
import { KEYS } from '../item/itemState';
import { createOfficeAdapter } from '../office';
import { createFakeOutlook } from '../office/testing/fakeOutlook';
import { createFakeSealpost, unreachable } from '../testing/fakeSealpost';
import { handleRecipientsChanged } from './onRecipientsChanged';

const NOW = 1_800_000_000_000;

function setup(secure: boolean) {
  const fake = createFakeOutlook();
  const sealpost = createFakeSealpost();
  fake.state.to = [{ emailAddress: 'ann@client.example', displayName: 'Ann', recipientType: 'user' } as Office.EmailAddressDetails];
  if (secure) fake.state.sessionData.set(KEYS.secure, 'on');
  fake.state.sessionData.set(KEYS.credential, JSON.stringify({ accessToken: 't', expiresAt: NOW + 60_000, apiBase: sealpost.api.baseUrl }));
  const completed = jest.fn();
  const run = () => handleRecipientsChanged({ adapter: createOfficeAdapter(fake.office), completed, apiFor: () => sealpost.api, now: () => NOW });
  return { fake, sealpost, completed, run };
}

test('when sending securely, then the new recipients are classified and stored for the pane', async () => {
  const { fake, sealpost, completed, run } = setup(true);
  await run();
  expect(sealpost.classifyCalls).toEqual([{ token: 't', emails: ['ann@client.example'] }]);
  expect(JSON.parse(fake.state.sessionData.get(KEYS.classification)!)).toEqual({ at: NOW, recipients: [expect.objectContaining({ email: 'ann@client.example', outcome: 'new_guest' })] });
  expect(completed).toHaveBeenCalledTimes(1);
});

test('when not sending securely, then nothing is asked and the event completes', async () => {
  const { sealpost, completed, run } = setup(false);
  await run();
  expect(sealpost.classifyCalls).toEqual([]);
  expect(completed).toHaveBeenCalledTimes(1);
});

test('when Sealpost cannot be reached, then the event still completes once', async () => {
  const { sealpost, completed, run } = setup(true);
  sealpost.failNext('classify', unreachable());
  await run();
  expect(completed).toHaveBeenCalledTimes(1);
});
