/**
 * The send handler against the fake Outlook item (office-addin-mock) and the stand-in Sealpost API, with the
 * device storage as the runtime would give it: a Map behind the localStorage or the OfficeRuntime.storage shape.
 */
import { KEYS } from '../../item/itemState';
import { completionFor, createOfficeAdapter } from '../../office';
import { createDeviceStorage } from '../../office/deviceStorage';
import { createFakeOutlook, type FakeOutlookOptions } from '../../office/testing/fakeOutlook';
import { createFakeSealpost } from '../../testing/fakeSealpost';
import { handleMessageSend, type SendHandlerDeps } from '../onMessageSend';

export const NOW = 1_800_000_000_000;

export const person = (emailAddress: string, displayName = '') =>
  ({ emailAddress, displayName, recipientType: 'externalUser' }) as Office.EmailAddressDetails;

export interface HarnessOptions extends FakeOutlookOptions {
  secure?: boolean;
  /** The pane's credential on the item. */
  credential?: 'valid' | 'expired' | 'none';
  /** The policy the pane recorded on the item. */
  policy?: 'user_choice' | 'external_always';
  /** Which storage the event runtime has: classic Windows (officeRuntime), browser runtimes (localStorage), none. */
  storage?: 'officeRuntime' | 'localStorage' | 'none';
}

export function sendHarness(options: HarnessOptions = {}) {
  const fake = createFakeOutlook({ mailboxVersion: '1.15', ...options });
  const sealpost = createFakeSealpost();
  const completed = jest.fn();
  const adapter = createOfficeAdapter(fake.office);
  fake.state.subject = 'Your tax return';
  fake.state.bodyHtml = '<p>Dear Ann, the draft is attached.</p>';
  if (options.secure ?? true) fake.state.sessionData.set(KEYS.secure, 'on');
  if (options.policy) fake.state.sessionData.set(KEYS.policy, JSON.stringify({ secureSendPolicy: options.policy }));
  const credential = options.credential ?? 'valid';
  if (credential !== 'none') {
    fake.state.sessionData.set(KEYS.credential, JSON.stringify({
      accessToken: 'access-1', expiresAt: credential === 'valid' ? NOW + 600_000 : NOW - 1, apiBase: sealpost.api.baseUrl,
    }));
  }
  /** What the device keeps between messages (and between runs of the handler). */
  const device = new Map<string, string>();
  const kind = options.storage ?? 'localStorage';
  const storage =
    kind === 'officeRuntime'
      ? createDeviceStorage({
          officeRuntimeStorage: {
            getItem: async (k) => device.get(k) ?? null,
            setItem: async (k, v) => void device.set(k, v),
            removeItem: async (k) => void device.delete(k),
          },
        })
      : kind === 'localStorage'
        ? createDeviceStorage({
            localStorage: { getItem: (k) => device.get(k) ?? null, setItem: (k, v) => void device.set(k, v), removeItem: (k) => void device.delete(k) },
          })
        : null;
  let now = NOW;
  const deps = (extra: Partial<SendHandlerDeps> = {}): SendHandlerDeps => ({
    adapter,
    completion: completionFor(fake.office, { completed }),
    apiFor: () => sealpost.api,
    now: () => now,
    random: () => 'ItemKey0123456789abcdef',
    storage,
    ...extra,
  });
  const run = async () => {
    completed.mockClear();
    await handleMessageSend(deps());
    expect(completed).toHaveBeenCalledTimes(1);
    return completed.mock.calls[0]![0] as Office.SmartAlertsEventCompletedOptions;
  };
  const decide = (confirmed: string[], skipped: string[] = []) => fake.state.sessionData.set(KEYS.decisions, JSON.stringify({ confirmed, skipped }));
  /** Moves the clock, as time passing between two sends. */
  const advance = (ms: number) => {
    now += ms;
  };
  return { fake, sealpost, run, decide, device, deps, completed, advance, adapter };
}
