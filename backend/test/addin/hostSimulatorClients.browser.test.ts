/**
 * The host simulator behaves as each Outlook client does (hostSimulator/clients.ts): each test runs a small event
 * script in it and reads what the runtime gave back through the alert text. Without these, the per-client tests of
 * the add-in would prove only that the simulator agrees with itself.
 */
import { describeBrowser } from '../../src/testing/browser';
import { startTestServer, type TestServer } from '../../src/testing/testServer';
import { ensureAddinBuild } from '../../../addin/test/hostSimulator/addinBuild';
import { OutlookHost, type HostOptions } from '../../../addin/test/hostSimulator/outlookHost';
import { sendCompletionProblems } from '../../../addin/test/hostSimulator/smartAlertsRules';

jest.setTimeout(60_000);

/** The send handler reports `report` (an expression, or a promise of one) as the alert text. */
const script = (report: string) => `(function () {
  function onMessageSendHandler(event) {
    Promise.resolve().then(function () { return ${report}; }).then(
      function (value) { event.completed({ allowEvent: false, errorMessage: 'ok:' + JSON.stringify(value) }); },
      function (error) { event.completed({ allowEvent: false, errorMessage: 'failed:' + String((error && (error.name || error.message)) || error) }); }
    );
  }
  function completeAtOnce(event) { event.completed(); }
  Office.actions.associate('onMessageSendHandler', onMessageSendHandler);
  Office.actions.associate('onMessageRecipientsChangedHandler', completeAtOnce);
  Office.actions.associate('onMessageAttachmentsChangedHandler', completeAtOnce);
})();`;

/** An Office callback call as a promise of its value, or of its error name. */
const officeValue = (call: string) =>
  `new Promise(function (resolve, reject) { ${call}(function (r) { r.status === 'succeeded' ? resolve(r.value) : reject({ name: r.error.name }); }); })`;

describeBrowser('the Outlook host simulator per client', (suite) => {
  let t: TestServer;
  beforeAll(async () => {
    await ensureAddinBuild();
    t = await startTestServer();
  }, 180_000);
  afterAll(() => t?.stop());

  async function report(expression: string, options: HostOptions, prepare?: (host: OutlookHost) => void): Promise<{ text: string; host: OutlookHost }> {
    const page = await suite.newPage();
    const host = await OutlookHost.open(page, t.url, { ...options, eventScript: script(expression) });
    prepare?.(host);
    const outcome = host.nextSendOutcome();
    await page.click('#send');
    await outcome;
    return { text: host.alert?.errorMessage ?? '', host };
  }

  test('when Outlook on Mac (Mailbox 1.13) gets an alert with a button, then the simulator refuses it and shows the message alone', async () => {
    const page = await suite.newPage();
    const host = await OutlookHost.open(page, t.url, {
      client: 'mac',
      eventScript: script('0').replace(
        "event.completed({ allowEvent: false, errorMessage: 'ok:' + JSON.stringify(value) });",
        "event.completed({ allowEvent: false, errorMessage: 'review', commandId: 'Sealpost.OpenTaskpane', cancelLabel: 'Review', contextData: '{}' });",
      ),
    });
    expect(host.smartAlertsLoaded).toBe(true);
    const outcome = host.nextSendOutcome();
    await page.click('#send');
    expect(await outcome).toBe('blocked');
    expect(host.alert).toEqual({ allowEvent: false, errorMessage: 'review' });
    expect(await page.locator('#alert-command').isHidden()).toBe(true);
    expect(host.violations).toEqual(['commandId', 'contextData', 'cancelLabel'].map((name) => `OnMessageSend: ${name} needs Mailbox 1.14; this client reports 1.13`));
  });

  test('when classic Windows runs a handler that touches localStorage, then it fails as in the JavaScript-only runtime', async () => {
    expect((await report(`localStorage.getItem('k')`, { client: 'classicWindows' })).text).toBe('failed:ReferenceError');
  });

  test('when classic Windows runs a handler that fetches a relative URL, then the simulator reports it', async () => {
    const { text, host } = await report(`fetch('/api/v1/health')`, { client: 'classicWindows' });
    expect(text).toBe('failed:TypeError');
    expect(host.violations).toEqual([expect.stringMatching(/fetch\("\/api\/v1\/health"\) in the JavaScript-only runtime: URLs must be absolute/)]);
  });

  test('when classic Windows stores with OfficeRuntime.storage, then it is kept for the same device and a later host reads it', async () => {
    const device = new Map<string, string>();
    await report(`OfficeRuntime.storage.setItem('k', 'v')`, { client: 'classicWindows', device });
    expect(device.get('k')).toBe('v');
    expect((await report(`OfficeRuntime.storage.getItem('k')`, { client: 'classicWindows', device })).text).toBe('ok:"v"');
  });

  test.each(['web', 'mac'] as const)('when %s uses OfficeRuntime.storage, then it fails; localStorage works and is kept for the device', async (client) => {
    expect((await report(`OfficeRuntime.storage.setItem('k', 'v')`, { client })).text).toMatch(/^failed:/);
    const device = new Map<string, string>();
    await report(`localStorage.setItem('k', 'v')`, { client, device });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(device.get('k')).toBe('v');
    expect((await report(`localStorage.getItem('k')`, { client, device })).text).toBe('ok:"v"');
  });

  test.each([
    ['web', {}, 'failed:KeyNotFound'],
    ['classicWindows', {}, 'ok:null'],
    ['mac', {}, 'ok:null'],
    ['classicWindows', { unsetKey: 'keyNotFound' as const }, 'failed:KeyNotFound'],
    ['web', { unsetKey: 'null' as const }, 'ok:null'],
  ] as const)('when %s (answers %j) reads a sessionData key never set, then it answers %s', async (client, answers, expected) => {
    const call = `function (cb) { Office.context.mailbox.item.sessionData.getAsync('never', cb); }`;
    expect((await report(officeValue(`(${call})`), { client, answers })).text).toBe(expected);
  });

  test.each([
    ['web', 'ok:"{}"'],
    ['mac', 'ok:{}'],
  ] as const)('when %s reads all sessionData of an empty item, then it answers %s', async (client, expected) => {
    const call = `function (cb) { Office.context.mailbox.item.sessionData.getAllAsync(cb); }`;
    expect((await report(officeValue(`(${call})`), { client })).text).toBe(expected);
  });

  test.each([
    ['web', 'ok:["<p>new</p>","<p>new</p><div>earlier</div>"]'],
    ['classicWindows', 'ok:["<p>new</p>","<p>new</p>"]'],
  ] as const)('when %s reads a reply with a collapsed original, with and without bodyMode FullBody, then it answers %s', async (client, expected) => {
    const get = (options: string) => officeValue(`(function (cb) { Office.context.mailbox.item.body.getAsync('html', ${options}, cb); })`);
    const both = `Promise.all([${get('{}')}, ${get("{ bodyMode: Office.MailboxEnums.BodyMode ? Office.MailboxEnums.BodyMode.FullBody : 'fullBody' }")}])`;
    const { text } = await report(both, { client }, (host) => {
      host.item.bodyHtml = '<p>new</p>';
      host.item.hiddenQuote = '<div>earlier</div>';
    });
    expect(text).toBe(expected);
  });

  test('when a plain-text body is set with Html coercion, then it fails; with Text coercion, it is set', async () => {
    const set = (coercion: string) => officeValue(`(function (cb) { Office.context.mailbox.item.body.setAsync('x', { coercionType: '${coercion}' }, cb); })`);
    const plain = (host: OutlookHost) => void (host.item.bodyType = 'text');
    expect((await report(set('html'), {}, plain)).text).toBe('failed:InvalidDataFormat');
    const { host } = await report(set('text'), {}, plain);
    expect(host.item.bodyHtml).toBe('x');
  });

  test('when the web has a pasted picture, then getAttachmentsAsync lists it only after saveAsync', async () => {
    const list = officeValue('(function (cb) { Office.context.mailbox.item.getAttachmentsAsync(cb); })');
    const save = officeValue('(function (cb) { Office.context.mailbox.item.saveAsync(cb); })');
    const expression = `${list}.then(function (before) { return ${save}.then(function () { return ${list}; }).then(function (after) { return [before.length, after.length, after[0].contentId]; }); })`;
    const { text } = await report(expression, { client: 'web' }, (host) => void host.item.addInlineImage('a.png', Buffer.from('png'), 'a1@x'));
    expect(text).toBe('ok:[0,1,"a1@x"]');
  });

  test('when custom properties are saved and the draft is reopened, then they are still there while sessionData starts empty', async () => {
    const saved = `new Promise(function (resolve) { Office.context.mailbox.item.loadCustomPropertiesAsync(function (r) {
      r.value.set('sealpost.secure', 'on'); r.value.saveAsync(function () { resolve('saved'); }); }); })`;
    const { host } = await report(saved, {}, (h) => void h.item.sessionData.set('k', 'v'));
    await host.reopenDraft();
    expect(host.item.customProperties.get('sealpost.secure')).toBe('on');
    expect(host.item.sessionData.size).toBe(0);
  });

  test('when the item is not in a shared folder, then getSharedPropertiesAsync fails; in one, it names the owner', async () => {
    const call = `(function (cb) { Office.context.mailbox.item.getSharedPropertiesAsync(cb); })`;
    expect((await report(officeValue(call), {})).text).toBe('failed:GenericResponseError');
    const shared = await report(`${officeValue(call)}.then(function (p) { return p.owner; })`, {}, (host) => {
      host.item.sharedOwner = 'front.desk@clinic.example';
    });
    expect(shared.text).toBe('ok:"front.desk@clinic.example"');
  });
});

describe('Smart Alerts options the simulator refuses (smartAlertsRules.ts)', () => {
  test('when contextData comes without a commandId, or sendModeOverride is not promptUser, then each is reported', async () => {
    const facts = { composeCommandIds: ['Sealpost.OpenTaskpane'], mailboxVersion: '1.15' };
    expect(sendCompletionProblems({ allowEvent: false, errorMessage: 'x', contextData: '{}' }, facts)).toEqual(['contextData without a commandId is ignored by Outlook']);
    expect(sendCompletionProblems({ allowEvent: false, errorMessage: 'x', sendModeOverride: 'block' }, facts)).toEqual(['sendModeOverride "block": Outlook accepts only "promptUser"']);
    expect(sendCompletionProblems({ allowEvent: false, errorMessage: 'x', errorMessageMarkdown: 'y'.repeat(501) }, facts)).toEqual(['errorMessageMarkdown is 501 characters; Outlook allows 500']);
    expect(sendCompletionProblems({ allowEvent: false, errorMessage: 'x', commandId: 'Sealpost.OpenTaskpane', cancelLabel: 'Review', contextData: '{}' }, facts)).toEqual([]);
  });

  test('when a client below Mailbox 1.14 gets commandId, contextData or cancelLabel, then each is refused (each is "API set: Mailbox 1.14" in the Office reference)', () => {
    const button = { allowEvent: false, errorMessage: 'x', commandId: 'Sealpost.OpenTaskpane', cancelLabel: 'Review', contextData: '{}' };
    for (const mailboxVersion of ['1.12', '1.13']) {
      const problems = sendCompletionProblems(button, { composeCommandIds: ['Sealpost.OpenTaskpane'], mailboxVersion });
      expect(problems).toEqual(['commandId', 'contextData', 'cancelLabel'].map((name) => `${name} needs Mailbox 1.14; this client reports ${mailboxVersion}`));
    }
    expect(sendCompletionProblems(button, { composeCommandIds: ['Sealpost.OpenTaskpane'], mailboxVersion: '1.14' })).toEqual([]);
  });
});
