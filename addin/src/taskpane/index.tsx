/**
 * Entry of taskpane.html. Office.js comes from Microsoft's CDN (a script tag before this bundle); the pane renders
 * only after Office.onReady, with one FluentProvider at the root (renderPage), and gets Office only through the
 * adapter inside its view model.
 */
import { renderPage } from '../../../backend/web/src/shared/renderPage';
import { createHttp } from '../api/http';
import { sealpostApi } from '../api/sealpostApi';
import { handlerSession } from '../events/handlerSession';
import { hostAdapter, signedInUser, whenOfficeReady } from '../office';
import { createDeviceStorage, runtimeGlobals } from '../office/deviceStorage';
import { builtInNestedAppAuthSettings, nestedAppAuth } from '../office/nestedAppAuth';
import { addinBase } from './addinBase';
import { App } from './App';
import { createSenderControls } from './features/controls/senderControls';
import { SenderControlsContext } from './features/controls/useSenderControls';
import { createPaneModel } from './model/paneModel';
import { automaticSignIn, createSessionManager, webSessionStorage } from './model/session';
import { ModelContext } from './model/usePaneModel';

/**
 * Signs out the send handler's device session of this Outlook account wherever the pane can reach it: localStorage
 * (the handler's store in browser runtimes) and OfficeRuntime.storage (classic Windows), when the pane has it.
 */
function deviceSessionEnder(base: string) {
  const owner = signedInUser();
  const globals = runtimeGlobals();
  const stores = [createDeviceStorage({ localStorage: globals.localStorage }), createDeviceStorage({ officeRuntimeStorage: globals.officeRuntimeStorage })];
  const apiFor = (baseUrl: string) => sealpostApi(createHttp({ baseUrl: baseUrl || base }));
  return async () => {
    for (const storage of stores) {
      if (storage) await handlerSession({ storage, apiFor, now: () => Date.now(), owner }).signOut().catch(() => undefined);
    }
  };
}

/** Storage can be refused (blocked third-party storage); the pane then forgets the session on close. */
function paneStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  try {
    window.localStorage.getItem('probe');
    return window.localStorage;
  } catch {
    const memory = new Map<string, string>();
    return { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v), removeItem: (k) => void memory.delete(k) };
  }
}

whenOfficeReady(() => {
  const base = addinBase(window.location.href);
  const api = sealpostApi(createHttp({ baseUrl: base }));
  const session = createSessionManager({
    api,
    storage: webSessionStorage(paneStorage()),
    now: () => Date.now(),
    locks: (navigator as { locks?: Parameters<typeof createSessionManager>[0]['locks'] }).locks,
  });
  const model = createPaneModel({
    adapter: hostAdapter(),
    api,
    session,
    signInUrl: `${base}/addin/signin.html`,
    now: () => Date.now(),
    schedule: (ms, task) => {
      const timer = setTimeout(task, ms);
      return () => clearTimeout(timer);
    },
    endDeviceSessions: deviceSessionEnder(base),
    // MSAL is loaded when first needed, so the pane's first paint does not wait for it.
    entra: nestedAppAuth(builtInNestedAppAuthSettings(), () => import('@azure/msal-browser')),
    automaticSignIn: automaticSignIn(paneStorage()),
  });
  const controls = createSenderControls({
    adapter: hostAdapter(),
    api,
    token: async () => (await session.valid().catch(() => null))?.accessToken ?? null,
    portalUrl: `${base}/portal`,
  });
  renderPage(
    <ModelContext.Provider value={model}>
      <SenderControlsContext.Provider value={controls}>
        <App portalUrl={`${base}/portal`} helpUrl={`${base}/help`} />
      </SenderControlsContext.Provider>
    </ModelContext.Provider>,
  );
  void model.start();
  void controls.start();
});
