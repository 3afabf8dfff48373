/** Completing launch events exactly once, within the Smart Alerts limits, and mapping manifest function names. */
import { MAX_CANCEL_LABEL, MAX_ERROR_MESSAGE, associateHandlers, clip, completionFor } from './smartAlerts';
import { createFakeOutlook } from './testing/fakeOutlook';

const STEP = { withButton: 'Choose Review to check the recipients.', fromRibbon: 'Open Sealpost with "Send securely" on the ribbon to check the recipients, then send again.' };

function eventFor(mailboxVersion: string) {
  const fake = createFakeOutlook({ mailboxVersion });
  const completed = jest.fn();
  return { completed, completion: completionFor(fake.office, { completed }) };
}

describe('completionFor', () => {
  test('when allowed, then the event completes once with allowEvent true', () => {
    const { completed, completion } = eventFor('1.14');
    expect(completion.allow()).toBe(true);
    expect(completed).toHaveBeenCalledWith({ allowEvent: true });
    expect(completion.done).toBe(true);
  });

  test('when completed a second time, then Office is not called again and the call reports false', () => {
    const { completed, completion } = eventFor('1.14');
    completion.block({ errorMessage: 'Confirm the invitations first.' });
    expect(completion.allow()).toBe(false);
    expect(completion.block({ errorMessage: 'again' })).toBe(false);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  test('when blocked with an action on Mailbox 1.14, then commandId, label and JSON contextData are passed', () => {
    const { completed, completion } = eventFor('1.14');
    completion.block({
      errorMessage: 'Ann Lee (ann@client.example) is new to Sealpost and will be invited as a guest.',
      action: { commandId: 'Sealpost.OpenTaskpane', label: 'Review invitations', contextData: { review: ['ann@client.example'] }, nextStep: STEP },
    });
    expect(completed).toHaveBeenCalledWith({
      allowEvent: false,
      errorMessage: 'Ann Lee (ann@client.example) is new to Sealpost and will be invited as a guest. Choose Review to check the recipients.',
      commandId: 'Sealpost.OpenTaskpane',
      cancelLabel: 'Review invitations',
      contextData: '{"review":["ann@client.example"]}',
    });
  });

  test.each(['1.12', '1.13'])('when blocked with an action on a Mailbox %s client, then the send stops with the ribbon sentence and no button options', (version) => {
    const { completed, completion } = eventFor(version);
    completion.block({ errorMessage: 'Review needed.', action: { commandId: 'Sealpost.OpenTaskpane', label: 'Review', contextData: { a: 1 }, nextStep: STEP } });
    expect(completed).toHaveBeenCalledWith({ allowEvent: false, errorMessage: `Review needed. ${STEP.fromRibbon}` });
  });

  test('when the message is too long for the next step, then the message is cut and the next step shows in full', () => {
    for (const version of ['1.13', '1.14']) {
      const { completed, completion } = eventFor(version);
      completion.block({ errorMessage: 'm'.repeat(600), action: { commandId: 'Sealpost.OpenTaskpane', label: 'Review', nextStep: STEP } });
      const { errorMessage } = completed.mock.calls[0]![0];
      expect(errorMessage).toHaveLength(MAX_ERROR_MESSAGE);
      expect(errorMessage.endsWith(version === '1.14' ? STEP.withButton : STEP.fromRibbon)).toBe(true);
    }
  });

  test('when the message and label are too long, then they are cut to 500 and 20 characters with an ellipsis', () => {
    const { completed, completion } = eventFor('1.14');
    completion.block({ errorMessage: 'm'.repeat(600) });
    const second = eventFor('1.14');
    second.completion.block({ errorMessage: 'Review.', action: { commandId: 'Sealpost.OpenTaskpane', label: 'Review all invitations now', nextStep: STEP } });
    const options = completed.mock.calls[0]![0];
    expect(options.errorMessage).toHaveLength(MAX_ERROR_MESSAGE);
    expect(options.errorMessage.endsWith('…')).toBe(true);
    const labelled = second.completed.mock.calls[0]![0];
    expect(labelled.cancelLabel).toBe('Review all invitati…');
    expect(labelled.cancelLabel).toHaveLength(MAX_CANCEL_LABEL);
  });
});

describe('clip', () => {
  test('when text has astral characters, then it is cut by UTF-16 units (as Outlook counts), never splitting a pair', () => {
    expect(clip('🔒🔒🔒', 3)).toBe('🔒…');
    expect(clip('a🔒🔒', 3)).toBe('a…');
    expect(clip('short', 20)).toBe('short');
    const long = clip('🔒'.repeat(400), MAX_ERROR_MESSAGE);
    expect(long.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE);
    expect(long).toMatch(/^(🔒)+…$/u);
  });
});

describe('associateHandlers', () => {
  test('when handlers are associated, then Office maps each manifest FunctionName to its function', () => {
    const fake = createFakeOutlook();
    const onSend = jest.fn();
    const onRecipients = jest.fn();
    associateHandlers(fake.office, { onMessageSendHandler: onSend, onMessageRecipientsChangedHandler: onRecipients });
    expect([...fake.associated]).toEqual([['onMessageSendHandler', onSend], ['onMessageRecipientsChangedHandler', onRecipients]]);
  });
});
