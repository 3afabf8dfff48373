/**
 * Shared and delegate mailboxes: Sealpost sends as the signed-in person, so a message written in, or sent from,
 * someone else's mailbox goes securely only when that mailbox is the signed-in Sealpost person's.
 * And lists: an Exchange distribution list or a contact group is never invited or delivered to.
 */
import { mailboxMismatchMessage } from './blockMessages';
import { person, sendHarness } from './testing/sendHarness';

const ready = (h: ReturnType<typeof sendHarness>) => {
  h.fake.state.to = [person('ann@client.example')];
  h.decide(['ann@client.example']);
};

test('when the message is written in a shared mailbox that is not the signed-in Sealpost person, then the send stops saying so', async () => {
  const h = sendHarness({ userEmail: 'pat@clinic.example', sharedOwner: 'Front.Desk@clinic.example' });
  ready(h);
  expect(await h.run()).toEqual({ allowEvent: false, errorMessage: mailboxMismatchMessage('front.desk@clinic.example', 'pat@clinic.example') });
  expect(h.sealpost.sends).toEqual([]);
  expect(h.fake.state.bodyHtml).toContain('Dear Ann');
});

test('when a delegate changed From to the mailbox of someone else, then the send stops saying so', async () => {
  const h = sendHarness({ userEmail: 'pat@clinic.example', from: 'dr.lee@clinic.example' });
  ready(h);
  expect(await h.run()).toMatchObject({ allowEvent: false, errorMessage: mailboxMismatchMessage('dr.lee@clinic.example', 'pat@clinic.example') });
  expect(h.sealpost.sends).toEqual([]);
});

test('when the shared mailbox is the Sealpost person signed in, then the message is sent as them', async () => {
  const h = sendHarness({ userEmail: 'assistant@clinic.example', sharedOwner: 'pat@clinic.example' });
  ready(h);
  expect(await h.run()).toEqual({ allowEvent: true });
  expect(h.sealpost.sends).toHaveLength(1);
});

test('when the message is in the own mailbox under an alias Sealpost does not know, then it is sent (no false stop)', async () => {
  const h = sendHarness({ userEmail: 'p.pro@clinic-alias.example' });
  ready(h);
  expect(await h.run()).toEqual({ allowEvent: true });
});

test('when an Exchange list with an address is on the message, then it is never classified or invited and the send stops asking for the people', async () => {
  const h = sendHarness();
  h.fake.state.to = [person('ann@client.example'), { displayName: 'All Patients', emailAddress: 'patients@client.example', recipientType: 'distributionList' } as Office.EmailAddressDetails];
  // Even a confirmation recorded for the list's address (an older pane) must not invite it.
  h.decide(['ann@client.example', 'patients@client.example']);
  const options = await h.run();
  expect(options).toMatchObject({ allowEvent: false, cancelLabel: 'Review' });
  expect(options.errorMessage).toContain('All Patients (patients@client.example) is a list: Sealpost never invites a list. Add the people on it yourself');
  expect(JSON.parse(options.contextData as string)).toEqual({ reason: 'review', emails: ['patients@client.example'] });
  expect(h.sealpost.classifyCalls.flatMap((c) => c.emails)).toEqual(['ann@client.example']);
  expect(h.sealpost.sends).toEqual([]);
});

test.each(['distributionList', 'DistributionList'])('when a contact group comes without an address typed %s, then the send stops on the list', async (recipientType) => {
  const h = sendHarness();
  h.fake.state.to = [person('ann@client.example'), { displayName: 'Family', emailAddress: '', recipientType } as Office.EmailAddressDetails];
  h.decide(['ann@client.example']);
  const options = await h.run();
  expect(options.errorMessage).toContain('Family is a list');
  expect(h.sealpost.sends).toEqual([]);
});
