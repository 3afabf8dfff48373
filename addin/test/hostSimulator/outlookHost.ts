/**
 * An Outlook host simulator for end-to-end tests: loads the REAL built task pane (in an iframe, with the real
 * server headers) and the REAL built launchevent.js (a plain script in a Web Worker: no DOM, no localStorage, no
 * module loader, like classic Outlook's JavaScript-only runtime), implements the Office.js subset they use
 * (officeShim.js), and fails loudly on what Outlook would reject: Smart Alerts limits, unknown commandIds, an
 * event completed twice or never, dialogs from a handler, module syntax in the handler.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { clientProfile, type ClientName, type ClientProfile } from './clients';
import { ComposeItem, OfficeFailure, type Field, type SimRecipient } from './composeItem';
import { hostPageHtml } from './hostPage';
import { readManifestFacts, type ManifestFacts } from './manifestFacts';
import { nestedAppAuthHost, type BridgeRequestSeen, type NestedAppAuthModel } from './nestedAppAuthBridge';
import { eventRuntimeCode } from './runtimeScript';
import { sendCompletionProblems, withoutButton, type CompletedOptions } from './smartAlertsRules';

const ROOT = path.resolve(__dirname, '../../..');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const SHIM = fs.readFileSync(path.join(__dirname, 'officeShim.js'), 'utf8');

type Call = { context: 'taskpane' | 'dialog' | 'events' | 'host'; op: string; args: Record<string, unknown> };
type Answer = { ok: true; value: unknown } | { ok: false; error: { code: number; name: string; message: string } };
export interface HostOptions {
  /** Serve this text as the event script instead of the built one (to prove the simulator's refusals). */
  eventScript?: string;
  /** How long a launch event may take before "never completed" (Outlook waits minutes; tests need less). */
  completionTimeoutMs?: number;
  /** Which Outlook client to behave as (clients.ts); classic Windows unless told. */
  client?: ClientName;
  /** Answers where the docs are silent, or a client's level, overriding the client's (clients.ts). */
  answers?: Partial<Omit<ClientProfile, 'name'>>;
  /**
   * What the event runtime keeps on this device (OfficeRuntime.storage or localStorage): pass the same Map to a
   * later host to model the same device, a new Map for a fresh one.
   */
  device?: Map<string, string>;
  /** The signed-in Outlook user (userProfile.emailAddress). */
  userEmail?: string;
  /**
   * The Microsoft 365 account Outlook is signed in to and what Entra answers (nestedAppAuthBridge.ts). Where the client
   * supports NestedAppAuth (clients.ts), every runtime then gets the bridge; without it the client behaves as one
   * without nested app authentication (an Outlook.com mailbox, or an older build).
   */
  nestedAppAuth?: NestedAppAuthModel;
}
function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

interface Pending { type: string; resolve(options: CompletedOptions | null): void; done: boolean }

export class OutlookHost {
  readonly client: ClientProfile;
  readonly device: Map<string, string>;
  item: ComposeItem;
  readonly violations: string[] = [];
  readonly facts: ManifestFacts;
  alert: CompletedOptions | null = null;
  /** Each body that left Outlook, the collapsed original included where the client appends it. */
  readonly sentBodies: string[] = [];
  status: string | null = null;
  /** The Office dialog window, while one is open. */
  dialog: { id: number; url: string; page: Page | null } | null = null;
  private paneOpen = false;
  private paneHandlers = new Set<string>();
  private initContext: string | null = null;
  private associated = new Set<string>();
  private events = new Map<number, Pending>();
  private nextId = 1;
  private sendOutcomes: ((outcome: 'sent' | 'blocked') => void)[] = [];
  private readonly naa: ReturnType<typeof nestedAppAuthHost> | null;

  private constructor(
    readonly page: Page,
    readonly addinOrigin: string,
    private readonly options: HostOptions,
  ) {
    this.facts = readManifestFacts(fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8'), addinOrigin);
    this.client = clientProfile(options.client, options.answers);
    this.device = options.device ?? new Map();
    this.item = new ComposeItem(this.client);
    this.naa = options.nestedAppAuth && this.client.nestedAppAuth ? nestedAppAuthHost(options.nestedAppAuth) : null;
  }

  /** What MSAL asked the host's bridge, in order, from every runtime. */
  get nestedAppAuthRequests(): BridgeRequestSeen[] {
    return this.naa?.requests ?? [];
  }

  /** What every runtime's Office.js learns about the client (officeShim.js reads self.__SIM). */
  private simFor(context: string): Record<string, unknown> {
    return {
      context, mailbox: this.client.mailbox, client: this.client.name, eventRuntime: this.client.eventRuntime, bodyMode: this.client.bodyMode,
      officeRuntimeStorage: this.client.officeRuntimeStorage, userEmail: this.options.userEmail ?? null, nestedAppAuth: this.naa !== null,
      // The browser runtime's localStorage is synchronous; the worker starts with the device's copy.
      localStorage: this.client.eventRuntime === 'browser' ? Object.fromEntries(this.device) : null,
    };
  }

  /** A new message in the same Outlook on the same device: empty item, no alert; the pane stays as it was. */
  async newMessage(): Promise<void> {
    this.item = new ComposeItem(this.client);
    this.alert = null;
    this.status = null;
    await this.render();
  }

  /** Opens the compose window at the add-in's origin and starts the event runtime with the built script. */
  static async open(page: Page, addinOrigin: string, options: HostOptions = {}): Promise<OutlookHost> {
    const host = new OutlookHost(page, addinOrigin, options);
    await host.wire(page.context());
    await page.goto(`${addinOrigin}/__outlook-host-simulator/compose`);
    await host.startRuntime();
    await host.render();
    return host;
  }

  private async wire(context: BrowserContext): Promise<void> {
    await context.exposeBinding('__outlookHost', async (_source, call: Call) => this.answer(call));
    // No network beyond loopback: anything else the add-in asks for is a fault. Registered first, because
    // Playwright tries the most recently registered route first.
    await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/]|localhost[:/])/, (route) => {
      this.violations.push(`request to the outside world: ${route.request().url()}`);
      return route.abort();
    });
    // Office.js from Microsoft's CDN is the shim; which runtime asks decides what it offers.
    await context.route(OFFICE_JS, async (route) => {
      const frameUrl = route.request().frame().url();
      const runtime = this.dialog && frameUrl.startsWith(this.dialog.url) ? 'dialog' : 'taskpane';
      await route.fulfill({ contentType: 'application/javascript', body: `self.__SIM=${JSON.stringify(this.simFor(runtime))};\n${SHIM}` });
    });
    const script = this.options.eventScript;
    if (script !== undefined) await context.route(this.facts.runtimeScriptUrl, (route) => route.fulfill({ contentType: 'application/javascript', body: script }));
    await context.route(`${this.addinOrigin}/__outlook-host-simulator/**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: hostPageHtml({ displayName: this.facts.displayName, buttonLabel: this.facts.buttonLabel }) }),
    );
  }

  /**
   * Whether the client loads the manifest's VersionOverrides (button, launch events): only at or above their
   * DefaultMinVersion. Below it the add-in has no Smart Alerts and every send goes as written (a bypass path).
   */
  get smartAlertsLoaded(): boolean {
    return compareVersions(this.client.mailbox, this.facts.overridesMinVersion) >= 0;
  }


  /** The same draft closed and opened again (or left and come back to): new sessionData, same custom properties. */
  async reopenDraft(): Promise<void> {
    this.item = this.item.reopened();
    this.alert = null;
    this.status = null;
    await this.render();
  }

  /** Like Outlook: checks the script and the allow-list, runs it, and waits for every manifest FunctionName. */
  private async startRuntime(): Promise<void> {
    if (!this.smartAlertsLoaded) return;
    const code = await eventRuntimeCode(this.facts.runtimeScriptUrl, SHIM, this.simFor('events'), this.options.eventScript);
    await this.page.evaluate((c) => (window as unknown as { __simStartRuntime(c: string): void }).__simStartRuntime(c), code);
    const deadline = Date.now() + 10_000;
    while (this.facts.launchEvents.some((e) => !this.associated.has(e.functionName))) {
      if (Date.now() > deadline) throw new Error(`the event script did not associate ${this.facts.launchEvents.map((e) => e.functionName).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async render(): Promise<void> {
    const snapshot = { item: this.item.snapshot(), alert: this.alert, status: this.status };
    await this.page.evaluate((s) => (window as unknown as { __simRender(s: unknown): void }).__simRender(s), snapshot).catch(() => undefined);
  }

  /** The task pane's frame (after the ribbon button or an alert button opened it). */
  paneFrame(): Frame {
    const frame = this.page.frames().find((f) => f.url().startsWith(this.facts.taskpaneUrl));
    if (!frame) throw new Error('the task pane is not open');
    return frame;
  }

  /** Sets one recipient line, as typing in Outlook would, and raises the recipients-changed events. */
  async setRecipients(field: Field, recipients: SimRecipient[]): Promise<void> {
    this.item[field] = recipients;
    await this.render();
    if (this.paneOpen && this.paneHandlers.has('olkRecipientsChanged')) {
      const args = { changedRecipientFields: { to: field === 'to', cc: field === 'cc', bcc: field === 'bcc' } };
      await this.paneFrame().evaluate((a) => (window as unknown as { __simItemEvent(t: string, a: unknown): void }).__simItemEvent('olkRecipientsChanged', a), args);
    }
    await this.launch('OnMessageRecipientsChanged');
  }

  /**
   * Attaches a file as the sender would, and raises OnMessageAttachmentsChanged with the event's own fields
   * (AttachmentsChangedEventArgs: attachmentStatus "added", attachmentDetails {id, name, size, attachmentType};
   * learn.microsoft.com/javascript/api/outlook/office.attachmentschangedeventargs). Resolves once the handler completed.
   */
  async attachFile(name: string, bytes: Buffer): Promise<void> {
    const attachment = this.item.addAttachment(name, bytes);
    await this.render();
    const details = { id: attachment.id, name, size: bytes.length, attachmentType: 'file' };
    await this.launch('OnMessageAttachmentsChanged', {
      attachmentStatus: 'added',
      attachmentDetails: details,
    });
  }

  /** Resolves with what the next Send (button or send()) led to. */
  nextSendOutcome(): Promise<'sent' | 'blocked'> {
    return new Promise((resolve) => this.sendOutcomes.push(resolve));
  }

  /** Runs a launch event in the event runtime and waits for event.completed (a violation if it never comes). */
  async launch(type: string, args: Record<string, unknown> = {}): Promise<CompletedOptions | null> {
    const declared = this.facts.launchEvents.find((e) => e.type === type);
    if (!declared || !this.smartAlertsLoaded) return null;
    const id = this.nextId++;
    const completed = new Promise<CompletedOptions | null>((resolve) => this.events.set(id, { type, resolve, done: false }));
    await this.page.evaluate(([i, f, t, a]) => (window as unknown as { __simLaunch(...a: unknown[]): void }).__simLaunch(i, f, t, a), [id, declared.functionName, type, args] as const);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.options.completionTimeoutMs ?? 30_000)));
    const result = await Promise.race([completed, timeout]).finally(() => clearTimeout(timer));
    if (result === 'timeout') {
      this.violations.push(`${type}: the handler never called event.completed`);
      throw new Error(this.violations.at(-1));
    }
    return result;
  }

  private async send(): Promise<void> {
    this.alert = null;
    this.status = null;
    await this.render();
    // A handler that never completes is already a violation; the send then stays stopped.
    const options = this.smartAlertsLoaded
      ? await this.launch('OnMessageSend').catch(() => ({ allowEvent: false, errorMessage: 'The add-in did not respond.' }))
      : { allowEvent: true };
    const problems = sendCompletionProblems(options, { composeCommandIds: this.facts.composeCommandIds, mailboxVersion: this.client.mailbox });
    this.violations.push(...problems.map((p) => `OnMessageSend: ${p}`));
    const outcome = options?.allowEvent ? 'sent' : 'blocked';
    if (outcome === 'sent') {
      this.status = 'Sent. This is what left Outlook.';
      this.sentBodies.push(this.item.sentBody());
    }
    // The alert's button (commandId, cancelLabel, contextData) is Mailbox 1.14; below, Outlook has none to show.
    else this.alert = options && compareVersions(this.client.mailbox, '1.14') < 0 ? withoutButton(options) : options;
    await this.render();
    this.sendOutcomes.splice(0).forEach((resolve) => resolve(outcome));
  }

  private async openPane(contextData: string | null): Promise<void> {
    this.initContext = contextData;
    if (this.paneOpen) {
      // Mailbox 1.15: a pane that is already open hears about the new context instead of reloading.
      if (contextData !== null && this.paneHandlers.has('olkInitializationContextChanged')) {
        await this.paneFrame().evaluate(
          (c) => (window as unknown as { __simItemEvent(t: string, a: unknown): void }).__simItemEvent('olkInitializationContextChanged', { initializationContextData: c }),
          contextData,
        );
      }
      return;
    }
    this.paneOpen = true;
    this.paneHandlers.clear();
    await this.page.evaluate((u) => (window as unknown as { __simOpenPane(u: string): void }).__simOpenPane(u), this.facts.taskpaneUrl);
  }

  private async openDialog(args: Record<string, unknown>): Promise<unknown> {
    const url = String(args.url);
    if (this.dialog) throw new OfficeFailure(12007, 'DialogAlreadyOpen', 'A dialog box is already opened from this host window.');
    if (new URL(url).origin !== new URL(this.facts.taskpaneUrl).origin) {
      throw new OfficeFailure(12004, 'DomainNotTrusted', 'The domain of the URL is not the add-in\'s own.');
    }
    const options = args.options as { width?: number; height?: number; displayInIframe?: boolean };
    const dialog = { id: this.nextId++, url, page: null as Page | null };
    this.dialog = dialog;
    const popup = this.page.waitForEvent('popup');
    await this.page.evaluate(([u, w, h]) => (window as unknown as { __simOpenDialog(...a: unknown[]): void }).__simOpenDialog(u, w, h), [
      url, Math.round(((options.width ?? 50) / 100) * 1100), Math.round(((options.height ?? 50) / 100) * 900),
    ] as const);
    dialog.page = await popup;
    dialog.page.on('close', () => {
      if (this.dialog !== dialog) return;
      this.dialog = null;
      // Closed by the person: the opener hears 12006.
      void this.paneFrame().evaluate(([i]) => (window as unknown as { __simDialogEvent(...a: unknown[]): void }).__simDialogEvent(i, 'dialogEventReceived', { error: 12006 }), [dialog.id]).catch(() => undefined);
    });
    return { dialogId: dialog.id };
  }

  /**
   * The event runtime's device storage: OfficeRuntime.storage calls (JavaScript-only runtime) and the writes of the
   * browser runtime's localStorage. Only the event runtime has it here: the pane keeps its own localStorage.
   */
  private deviceStorage(context: string, op: string, args: Record<string, unknown>): unknown {
    if (context !== 'events') throw new Error(`${context} used the event runtime's device storage`);
    const local = args.via === 'localStorage';
    if (local ? this.client.eventRuntime !== 'browser' : !this.client.officeRuntimeStorage) {
      throw new OfficeFailure(5009, 'NotSupported', `${local ? 'localStorage' : 'OfficeRuntime.storage'} is not supported in ${this.client.name}`);
    }
    const key = String(args.key);
    if (op === 'device.get') return this.device.get(key) ?? null;
    if (op === 'device.set') this.device.set(key, String(args.value));
    else this.device.delete(key);
    return undefined;
  }

  private async answer(call: Call): Promise<Answer> {
    try {
      return { ok: true, value: await this.handle(call) };
    } catch (error) {
      if (error instanceof OfficeFailure) return { ok: false, error: { code: error.code, name: error.officeName, message: error.message } };
      this.violations.push(`${call.context} ${call.op}: ${(error as Error).message}`);
      return { ok: false, error: { code: 5001, name: 'InternalError', message: (error as Error).message } };
    }
  }

  private async handle({ context, op, args }: Call): Promise<unknown> {
    switch (op) {
      case 'naa.request':
        // Only a client that offers the bridge is ever asked through it.
        if (!this.naa) throw new Error(`${context} asked the nested app authentication bridge of a client that has none`);
        return this.naa.answer(String(args.message));
      case 'ready':
        return true;
      case 'violation':
        this.violations.push(`${context}: ${String(args.message)}`);
        return undefined;
      case 'associate':
        if (context === 'events') this.associated.add(String(args.name));
        return undefined;
      case 'event.completed': {
        const event = this.events.get(Number(args.eventId));
        if (!event) throw new Error('event.completed for an unknown event');
        if (event.done) {
          this.violations.push(`${event.type}: event.completed was called twice`);
          return undefined;
        }
        event.done = true;
        event.resolve(args.options as CompletedOptions | null);
        return undefined;
      }
      case 'event.noHandler':
      case 'event.threw':
        this.violations.push(`${op}: ${JSON.stringify(args)}`);
        return undefined;
      case 'ui.send':
        void this.send();
        return undefined;
      case 'ui.openPane':
        await this.openPane(null);
        return undefined;
      case 'ui.closePane':
        this.paneOpen = false;
        await this.page.evaluate(() => (window as unknown as { __simClosePane(): void }).__simClosePane());
        return undefined;
      case 'ui.alertCommand': {
        const alert = this.alert;
        this.alert = null;
        await this.render();
        if (alert?.commandId) await this.openPane(typeof alert.contextData === 'string' ? alert.contextData : null);
        return undefined;
      }
      case 'ui.alertDismiss':
        this.alert = null;
        await this.render();
        return undefined;
      case 'initContext.get':
        if (context !== 'taskpane') throw new OfficeFailure(9000, 'NotSupported', 'Only a task pane has an initialization context.');
        return this.initContext ?? '';
      case 'handlers.add':
        if (context !== 'taskpane') throw new OfficeFailure(9000, 'NotSupported', 'Event handlers get launch events, not item handlers.');
        this.paneHandlers.add(String(args.type));
        return undefined;
      case 'handlers.remove':
        this.paneHandlers.delete(String(args.type));
        return undefined;
      case 'device.get':
      case 'device.set':
      case 'device.remove':
        return this.deviceStorage(context, op, args);
      case 'dialog.open':
        if (context !== 'taskpane') throw new Error(`${context} opened a dialog`);
        return this.openDialog(args);
      case 'dialog.close':
        if (this.dialog?.id === Number(args.dialogId)) {
          const page = this.dialog.page;
          this.dialog = null;
          await page?.close();
        }
        return undefined;
      case 'dialog.messageParent': {
        const dialog = this.dialog;
        if (!dialog) throw new Error('messageParent without an open dialog');
        const message = { message: String(args.message), origin: new URL(dialog.url).origin };
        await this.paneFrame().evaluate(([i, m]) => (window as unknown as { __simDialogEvent(...a: unknown[]): void }).__simDialogEvent(i, 'dialogMessageReceived', m), [dialog.id, message] as const);
        return undefined;
      }
      default: {
        if (context === 'dialog') throw new OfficeFailure(9000, 'NotSupported', `${op} is not available in a dialog`);
        const value = this.item.answer(op, op === 'from.get' ? { ...args, user: this.options.userEmail ?? '' } : args);
        if (['body.set', 'attachments.remove', 'notifications.replace', 'notifications.remove'].includes(op)) await this.render();
        return value;
      }
    }
  }
}
