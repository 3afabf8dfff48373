/** Blob store settings: fs by default, Azure only with credentials, secrets never echoed, container names checked. */
import { loadConfig } from './config';

const azure = { BLOB_STORE: 'azure' };

test('when nothing is set, then blobs are files under DATA_DIR', () => {
  expect(loadConfig({}).blobStore).toBe('fs');
});

test('when the Azure store is chosen without credentials, then start is refused with what to set', () => {
  expect(() => loadConfig(azure)).toThrow(/^BLOB_STORE=azure needs AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT_URL/);
});

test('when the Azure store has a connection string, then it loads with the default container', () => {
  const config = loadConfig({ ...azure, AZURE_STORAGE_CONNECTION_STRING: 'AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net' });
  expect(config.blobStore).toBe('azure');
  expect(config.azureStorageContainer).toBe('sealpost');
});

test('when a credential is malformed, then the error does not echo it', () => {
  expect(() => loadConfig({ ...azure, AZURE_STORAGE_CONNECTION_STRING: 'AccountKey=hunter2' })).toThrow(/^AZURE_STORAGE_CONNECTION_STRING must be .* \(got "…"\)/);
  expect(() => loadConfig({ ...azure, AZURE_STORAGE_ACCOUNT_URL: 'ftp://acct?sig=hunter2' })).toThrow(/^AZURE_STORAGE_ACCOUNT_URL must be .* \(got "…"\)/);
});

test('when the container name breaks Azure rules, then start is refused and the name shown', () => {
  const env = { ...azure, AZURE_STORAGE_ACCOUNT_URL: 'https://acct.blob.core.windows.net/?sig=x' };
  for (const name of ['Files', 'ab', 'files--2026', '-files', 'files_2026']) {
    expect(() => loadConfig({ ...env, AZURE_STORAGE_CONTAINER: name })).toThrow(new RegExp(`^AZURE_STORAGE_CONTAINER must be .*\\(got "${name}"\\)`));
  }
  expect(loadConfig({ ...env, AZURE_STORAGE_CONTAINER: 'sealpost-files-2' }).azureStorageContainer).toBe('sealpost-files-2');
});
