/**
 * The Outlook host simulator refuses what Outlook refuses: each test runs a deliberately wrong event script in it
 * and expects the simulator to say so. Without these, a passing end-to-end test would prove little.
 */
import { describeBrowser } from '../../src/testing/browser';
import { startTestServer, type TestServer } from '../../src/testing/testServer';
import { ensureAddinBuild } from '../../../addin/test/hostSimulator/addinBuild';
import { OutlookHost } from '../../../addin/test/hostSimulator/outlookHost';

jest.setTimeout(60_000);

/** An event script that associates every manifest function; the send handler's body is the test's. */
const script = (onSend: string) => `(function () {
  function onMessageSendHandler(event) { ${onSend} }
  function onMessageRecipientsChangedHandler(event) { event.completed(); }
  function onMessageAttachmentsChangedHandler(event) { event.completed(); }
  Office.actions.associate('onMessageSendHandler', onMessageSendHandler);
  Office.actions.associate('onMessageRecipientsChangedHandler', onMessageRecipientsChangedHandler);
  Office.actions.associate('onMessageAttachmentsChangedHandler', onMessageAttachmentsChangedHandler);
})();`;

describeBrowser('the Outlook host simulator', (suite) => {
  let t: TestServer;
  beforeAll(async () => {
    await ensureAddinBuild();
    t = await startTestServer();
  }, 180_000);
  afterAll(() => t?.stop());

  async function sendWith(onSend: string, completionTimeoutMs = 2_000) {
    const page = await suite.newPage();
    const host = await OutlookHost.open(page, t.url, { eventScript: script(onSend), completionTimeoutMs });
    const outcome = host.nextSendOutcome();
    await page.click('#send');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([outcome, new Promise((resolve) => (timer = setTimeout(resolve, completionTimeoutMs + 1_000)))]);
    clearTimeout(timer);
    return host;
  }

  test('when a handler allows with well-formed options, then the simulator reports nothing', async () => {
    const host = await sendWith('event.completed({ allowEvent: true });');
    expect(host.violations).toEqual([]);
    expect(host.status).toMatch(/^Sent/);
  });

  test('when errorMessage and cancelLabel are too long and commandId is unknown, then each is reported', async () => {
    const host = await sendWith(`event.completed({ allowEvent: false, errorMessage: 'x'.repeat(501), cancelLabel: 'Review the invitations', commandId: 'Sealpost.Nope' });`);
    expect(host.violations).toEqual([
      'OnMessageSend: errorMessage is 501 characters; Outlook allows 500',
      'OnMessageSend: cancelLabel "Review the invitations" is 22 characters; Outlook allows 20',
      'OnMessageSend: commandId "Sealpost.Nope" names no compose control in manifest.xml (Sealpost.OpenTaskpane)',
    ]);
  });

  test('when a handler completes twice, then it is reported', async () => {
    const host = await sendWith(`event.completed({ allowEvent: true }); event.completed({ allowEvent: true });`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(host.violations).toContain('OnMessageSend: event.completed was called twice');
  });

  test('when a handler never completes, then it is reported', async () => {
    const host = await sendWith('/* forgets event.completed */', 500);
    expect(host.violations).toEqual(['OnMessageSend: the handler never called event.completed']);
  });

  test('when a handler opens a dialog, then it is reported (and the dialog API throws)', async () => {
    const host = await sendWith(`try { Office.context.ui.displayDialogAsync('https://x.example', {}, function () {}); } finally { event.completed({ allowEvent: true }); }`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(host.violations).toEqual(expect.arrayContaining([expect.stringMatching(/events: displayDialogAsync was called inside an event handler/)]));
  });

  test('when the event script uses import, then the simulator refuses to load it', async () => {
    const page = await suite.newPage();
    await expect(OutlookHost.open(page, t.url, { eventScript: `import x from './x.js';\n${script('event.completed({ allowEvent: true });')}` })).rejects.toThrow(
      /not an ES2016 classic script/,
    );
  });

  test('when the event script uses syntax newer than ES2016, then the simulator refuses to load it', async () => {
    const page = await suite.newPage();
    await expect(OutlookHost.open(page, t.url, { eventScript: script('event?.completed({ allowEvent: true });') })).rejects.toThrow(/not an ES2016 classic script/);
  });
});
