/**
 * Entry of launchevent.js, the one self-contained script Outlook runs for Smart Alerts: loaded by commands.html
 * in the browser runtime (web, new Outlook, Mac) and on its own by classic Outlook on Windows, whose
 * JavaScript-only runtime has no DOM, no localStorage and no module loader. Handlers are associated at load,
 * because Office.onReady is not called there.
 */
import { handleAttachmentsChanged } from '../attachments/onAttachmentsChanged';
import { createHttp } from '../api/http';
import { sealpostApi } from '../api/sealpostApi';
import { randomKey } from '../item/itemState';
import { createDeviceStorage, runtimeGlobals } from '../office/deviceStorage';
import { associateLaunchHandlers, hostAdapter, launchCompletion, type LaunchEvent } from '../office';
import * as msal from '@azure/msal-browser';
import { builtInNestedAppAuthSettings, nestedAppAuth } from '../office/nestedAppAuth';
import { nestedAppAuthCredential } from './nestedAppAuthCredential';
import { handleMessageSend } from './onMessageSend';
import { runtimeApiBase } from './runtimeBase';
import { handleRecipientsChanged } from './onRecipientsChanged';

const apiFor = (baseUrl: string) => sealpostApi(createHttp({ baseUrl, timeoutMs: 20_000 }));
const now = () => Date.now();
/** Web Locks where the runtime is a browser; the JavaScript-only runtime has no navigator.locks. */
const locks = typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
/** `location` where the runtime has one (browser runtimes); the JavaScript-only runtime may have none. */
const scriptHref = typeof location !== 'undefined' && location && typeof location.href === 'string' ? location.href : null;
/**
 * Nested app authentication, tried before the pane's and the device's credential; one per runtime, so a runtime that
 * stays loaded (browser runtimes) reuses its MSAL client and its Sealpost session across sends.
 */
const naa = nestedAppAuthCredential({ entra: nestedAppAuth(builtInNestedAppAuthSettings(), () => Promise.resolve(msal)), apiBase: runtimeApiBase(scriptHref), apiFor, now });

function onMessageSendHandler(event: LaunchEvent): void {
  const completion = launchCompletion(event);
  try {
    const storage = createDeviceStorage(runtimeGlobals());
    void handleMessageSend({ adapter: hostAdapter(), completion, apiFor, now, random: randomKey, storage, locks, preferredCredentials: [naa] });
  } catch {
    completion.block({ errorMessage: 'Sealpost could not start, so this secure message was not sent. Send again.' });
  }
}

function onMessageRecipientsChangedHandler(event: LaunchEvent): void {
  try {
    void handleRecipientsChanged({ adapter: hostAdapter(), completed: () => event.completed(), apiFor, now });
  } catch {
    event.completed();
  }
}

function onMessageAttachmentsChangedHandler(event: LaunchEvent): void {
  try {
    void handleAttachmentsChanged({ adapter: hostAdapter(), completed: () => event.completed(), apiFor, now });
  } catch {
    event.completed();
  }
}

associateLaunchHandlers({ onMessageSendHandler, onMessageRecipientsChangedHandler, onMessageAttachmentsChangedHandler });
