/** Which device storage the send handler gets in each Outlook runtime. */
import { createDeviceStorage } from './deviceStorage';

const map = () => {
  const m = new Map<string, string>();
  return {
    m,
    web: { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) },
    runtime: { getItem: async (k: string) => m.get(k) ?? null, setItem: async (k: string, v: string) => void m.set(k, v), removeItem: async (k: string) => void m.delete(k) },
  };
};

test('when the runtime is a browser (web, new Outlook, Mac) that also defines OfficeRuntime, then localStorage is used', async () => {
  const local = map();
  const unsupported = { getItem: () => Promise.reject(new Error('not supported in this host')), setItem: () => Promise.reject(new Error('x')), removeItem: () => Promise.reject(new Error('x')) };
  const storage = createDeviceStorage({ localStorage: local.web, officeRuntimeStorage: unsupported })!;
  expect(storage.kind).toBe('localStorage');
  await storage.set('k', 'v');
  expect(local.m.get('k')).toBe('v');
});

test('when the runtime is the JavaScript-only one (classic Windows: no localStorage), then OfficeRuntime.storage is used', async () => {
  const runtime = map();
  const storage = createDeviceStorage({ localStorage: null, officeRuntimeStorage: runtime.runtime })!;
  expect(storage.kind).toBe('officeRuntime');
  await storage.set('k', 'v');
  await expect(storage.get('k')).resolves.toBe('v');
  await storage.remove('k');
  await expect(storage.get('k')).resolves.toBeNull();
});

test('when the runtime has neither, then there is no device storage', () => {
  expect(createDeviceStorage({})).toBeNull();
});
