/*
 * The Office.js the host simulator serves in place of https://appsforoffice.microsoft.com/lib/1/hosted/office.js:
 * the subset the Sealpost add-in uses, each call forwarded to the simulator in Node (window.__outlookHost in
 * pages, postMessage to the host page from the event runtime worker). The simulator prepends
 * `self.__SIM = { context, mailbox, client, eventRuntime, officeRuntimeStorage, userEmail, localStorage, bodyMode }`;
 * context is "taskpane", "dialog" or "events"; the event runtime's globals follow the client (clients.ts).
 */
(function () {
  'use strict';
  var sim = self.__SIM;
  var inWorker = typeof window === 'undefined';
  var waiting = {};
  var seq = 0;

  function host(op, args) {
    var call = { context: sim.context, op: op, args: args || {} };
    if (!inWorker) return window.__outlookHost(call);
    return new Promise(function (resolve) {
      seq += 1;
      waiting[seq] = resolve;
      self.postMessage({ kind: 'host-call', id: seq, call: call });
    });
  }

  /** Office's callback style: the callback is the last function argument; answers always come later. */
  function asyncCall(op, args, callArgs) {
    var cb = null;
    var options = null;
    for (var i = 0; i < callArgs.length; i++) {
      if (typeof callArgs[i] === 'function') cb = callArgs[i];
      else if (callArgs[i] && typeof callArgs[i] === 'object') options = callArgs[i];
    }
    host(op, args).then(function (answer) {
      if (!cb) return;
      var asyncContext = options && options.asyncContext;
      if (answer.ok) cb({ status: 'succeeded', value: answer.value, asyncContext: asyncContext });
      else cb({ status: 'failed', error: answer.error, value: undefined, asyncContext: asyncContext });
    });
  }

  function compare(a, b) {
    var pa = String(a).split('.').map(Number);
    var pb = String(b).split('.').map(Number);
    for (var i = 0; i < Math.max(pa.length, pb.length); i++) {
      var d = (pa[i] || 0) - (pb[i] || 0);
      if (d) return d;
    }
    return 0;
  }

  var itemHandlers = {};
  function recipients(field) {
    return { getAsync: function () { asyncCall('recipients.get', { field: field }, arguments); } };
  }
  var item = {
    itemType: 'message',
    to: recipients('to'),
    cc: recipients('cc'),
    bcc: recipients('bcc'),
    subject: { getAsync: function () { asyncCall('subject.get', {}, arguments); } },
    body: {
      // getAsync(coercion, [options], callback): options.bodyMode is read only where the client has BodyMode.
      getAsync: function (coercion, options) {
        var mode = sim.bodyMode && options && typeof options === 'object' ? options.bodyMode : undefined;
        asyncCall('body.get', { coercion: coercion, bodyMode: mode }, Array.prototype.slice.call(arguments, 1));
      },
      getTypeAsync: function () { asyncCall('body.type', {}, arguments); },
      setAsync: function (data, options) {
        asyncCall('body.set', { data: data, coercionType: options && options.coercionType }, Array.prototype.slice.call(arguments, 1));
      },
    },
    getAttachmentsAsync: function () { asyncCall('attachments.list', {}, arguments); },
    saveAsync: function () { asyncCall('item.save', {}, arguments); },
    // Custom properties: loaded as a whole, changed locally, kept only by saveAsync (Office.CustomProperties).
    loadCustomPropertiesAsync: function () {
      var callArgs = arguments;
      var cb = callArgs[callArgs.length - 1];
      host('customProperties.load', {}).then(function (answer) {
        if (!answer.ok) return cb({ status: 'failed', error: answer.error, value: undefined });
        var values = answer.value || {};
        cb({
          status: 'succeeded',
          value: {
            get: function (name) { return values[name]; },
            getAll: function () { return Object.assign({}, values); },
            set: function (name, value) { values[name] = String(value); },
            remove: function (name) { delete values[name]; },
            saveAsync: function () { asyncCall('customProperties.save', { values: Object.assign({}, values) }, arguments); },
          },
        });
      });
    },
    getAttachmentContentAsync: function (id) { asyncCall('attachments.content', { id: id }, Array.prototype.slice.call(arguments, 1)); },
    removeAttachmentAsync: function (id) { asyncCall('attachments.remove', { id: id }, Array.prototype.slice.call(arguments, 1)); },
    sessionData: {
      getAsync: function (key) { asyncCall('sessionData.get', { key: key }, Array.prototype.slice.call(arguments, 1)); },
      setAsync: function (key, value) { asyncCall('sessionData.set', { key: key, value: value }, Array.prototype.slice.call(arguments, 2)); },
      removeAsync: function (key) { asyncCall('sessionData.remove', { key: key }, Array.prototype.slice.call(arguments, 1)); },
      getAllAsync: function () { asyncCall('sessionData.getAll', {}, arguments); },
    },
    notificationMessages: {
      replaceAsync: function (key, details) { asyncCall('notifications.replace', { key: key, details: details }, Array.prototype.slice.call(arguments, 2)); },
      removeAsync: function (key) { asyncCall('notifications.remove', { key: key }, Array.prototype.slice.call(arguments, 1)); },
    },
    getInitializationContextAsync: function () { asyncCall('initContext.get', {}, arguments); },
    getSharedPropertiesAsync: function () { asyncCall('shared.get', {}, arguments); },
    from: { getAsync: function () { asyncCall('from.get', {}, arguments); } },
    addHandlerAsync: function (type, handler) {
      itemHandlers[type] = handler;
      asyncCall('handlers.add', { type: type }, Array.prototype.slice.call(arguments, 2));
    },
    removeHandlerAsync: function (type) {
      delete itemHandlers[type];
      asyncCall('handlers.remove', { type: type }, Array.prototype.slice.call(arguments, 1));
    },
  };

  var dialogs = {};
  var ui = {
    displayDialogAsync: function (url, options) {
      if (sim.context === 'events') {
        host('violation', { message: 'displayDialogAsync was called inside an event handler; Smart Alerts handlers may not open dialogs' });
        throw new Error('displayDialogAsync is not available in this runtime');
      }
      var cb = arguments[arguments.length - 1];
      host('dialog.open', { url: url, options: options || {} }).then(function (answer) {
        if (!answer.ok) return cb({ status: 'failed', error: answer.error });
        var id = answer.value.dialogId;
        var handlers = {};
        dialogs[id] = handlers;
        cb({
          status: 'succeeded',
          value: {
            addEventHandler: function (type, handler) { handlers[type] = handler; },
            close: function () { host('dialog.close', { dialogId: id }); },
          },
        });
      });
    },
    messageParent: function (message, options) {
      if (sim.context !== 'dialog') throw new Error('messageParent is only available in a dialog');
      host('dialog.messageParent', { message: String(message), targetOrigin: options && options.targetOrigin });
    },
  };

  var associated = {};
  var Office = {
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    CoercionType: { Html: 'html', Text: 'text' },
    HostType: { Outlook: 'Outlook' },
    PlatformType: { OfficeOnline: 'OfficeOnline', PC: 'PC' },
    EventType: {
      RecipientsChanged: 'olkRecipientsChanged',
      InitializationContextChanged: 'olkInitializationContextChanged',
      DialogMessageReceived: 'dialogMessageReceived',
      DialogEventReceived: 'dialogEventReceived',
    },
    MailboxEnums: {
      ItemNotificationMessageType: { ProgressIndicator: 'progressIndicator', InformationalMessage: 'informationalMessage', ErrorMessage: 'errorMessage', InsightMessage: 'insightMessage' },
      RecipientType: { User: 'user', ExternalUser: 'externalUser', DistributionList: 'distributionList', Other: 'other' },
      BodyMode: sim.bodyMode ? { FullBody: 'fullBody', HostConfig: 'hostConfig' } : undefined,
    },
    context: {
      requirements: {
        isSetSupported: function (name, version) {
          if (name === 'NestedAppAuth') return Boolean(sim.nestedAppAuth) && compare(version || '1.1', '1.1') <= 0;
          return name === 'Mailbox' && compare(version, sim.mailbox) <= 0;
        },
      },
      mailbox: sim.context === 'dialog' ? {} : { item: item, userProfile: { emailAddress: sim.userEmail || '' } },
      ui: ui,
    },
    actions: {
      associate: function (name, fn) {
        associated[name] = fn;
        host('associate', { name: name });
      },
    },
    onReady: function (callback) {
      if (sim.context === 'events') {
        host('violation', { message: 'Office.onReady is never called in the JavaScript-only runtime; associate handlers at load' });
        return new Promise(function () {});
      }
      return host('ready', {}).then(function () {
        var info = { host: 'Outlook', platform: 'OfficeOnline' };
        if (callback) callback(info);
        return info;
      });
    },
  };
  self.Office = Office;

  // Nested app authentication: the bridge an NAA-capable Outlook gives every runtime, answered by the simulator
  // (nestedAppAuthBridge.ts). MSAL finds it at window.nestedAppAuthBridge; classic Windows' JavaScript-only runtime has
  // a `window` without `location` (msal-browser issue 7451), which is what the event runtime worker gets here.
  if (sim.nestedAppAuth) {
    var naaListeners = [];
    var bridge = {
      addEventListener: function (name, callback) { naaListeners.push(callback); },
      removeEventListener: function (name, callback) { naaListeners = naaListeners.filter(function (l) { return l !== callback; }); },
      postMessage: function (message) {
        host('naa.request', { message: String(message) }).then(function (answer) {
          if (answer.ok && typeof answer.value === 'string') naaListeners.slice().forEach(function (l) { l(answer.value); });
          else if (!answer.ok) host('violation', { message: 'the NAA bridge failed: ' + answer.error.message });
        });
      },
    };
    if (!inWorker) window.nestedAppAuthBridge = bridge;
    else self.window = { nestedAppAuthBridge: bridge, crypto: self.crypto };
  }

  if (!inWorker) {
    /** The simulator raises item events and dialog events in this page through these. */
    window.__simItemEvent = function (type, args) {
      if (itemHandlers[type]) itemHandlers[type](args);
    };
    window.__simDialogEvent = function (dialogId, type, args) {
      var handlers = dialogs[dialogId];
      if (handlers && handlers[type]) handlers[type](args);
    };
    return;
  }

  /** A promise over one host call, rejecting as the storage API would. */
  function hostPromise(op, args) {
    return host(op, args).then(function (answer) {
      if (answer.ok) return answer.value;
      throw new Error(answer.error.message);
    });
  }

  // OfficeRuntime.storage: real in the JavaScript-only runtime (classic Windows); defined but failing elsewhere,
  // since Office.js may define the namespace where Outlook does not support its storage (see clients.ts).
  self.OfficeRuntime = {
    storage: {
      getItem: function (key) { return hostPromise('device.get', { key: String(key), via: 'officeRuntime' }); },
      setItem: function (key, value) { return hostPromise('device.set', { key: String(key), value: String(value), via: 'officeRuntime' }); },
      removeItem: function (key) { return hostPromise('device.remove', { key: String(key), via: 'officeRuntime' }); },
    },
  };

  if (sim.eventRuntime === 'browser') {
    // The browser runtime's localStorage: synchronous, started from the device's copy, each write kept by the host.
    var local = sim.localStorage || {};
    self.localStorage = {
      getItem: function (key) { return Object.prototype.hasOwnProperty.call(local, key) ? local[key] : null; },
      setItem: function (key, value) { local[key] = String(value); host('device.set', { key: String(key), value: String(value), via: 'localStorage' }); },
      removeItem: function (key) { delete local[key]; host('device.remove', { key: String(key), via: 'localStorage' }); },
    };
  } else {
    // The JavaScript-only runtime: no localStorage, and fetch needs absolute URLs (it has no page to resolve against;
    // https://learn.microsoft.com/office/dev/add-ins/testing/runtimes).
    var realFetch = self.fetch;
    self.fetch = function (input, init) {
      var url = typeof input === 'string' ? input : input && input.url;
      if (!/^https?:\/\//i.test(String(url))) {
        host('violation', { message: 'fetch("' + String(url) + '") in the JavaScript-only runtime: URLs must be absolute' });
        return Promise.reject(new TypeError('Failed to fetch'));
      }
      return realFetch.call(self, input, init);
    };
  }

  self.addEventListener('message', function (e) {
    var data = e.data;
    if (data.kind === 'host-answer') {
      waiting[data.id](data.answer);
      delete waiting[data.id];
    } else if (data.kind === 'launch') {
      var handler = associated[data.functionName];
      if (!handler) return host('event.noHandler', { eventId: data.eventId, functionName: data.functionName });
      var event = Object.assign({}, data.args || {}, {
        type: data.type,
        completed: function (options) {
          host('event.completed', { eventId: data.eventId, options: options === undefined ? null : JSON.parse(JSON.stringify(options)) });
        },
      });
      try {
        handler(event);
      } catch (error) {
        host('event.threw', { eventId: data.eventId, message: String((error && error.stack) || error) });
      }
    }
  });
  self.addEventListener('error', function (e) {
    host('violation', { message: 'uncaught error in the event runtime: ' + e.message });
  });
  self.addEventListener('unhandledrejection', function (e) {
    host('violation', { message: 'unhandled rejection in the event runtime: ' + String(e.reason && (e.reason.stack || e.reason)) });
  });
})();
