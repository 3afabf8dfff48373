/**
 * Settings that choose where encrypted file bytes live: files under DATA_DIR (the embedded default, one instance)
 * or an Azure Blob Storage container that several instances share. The Azure connection string and a SAS-bearing
 * account URL are secrets: config.ts never echoes them, and nothing logs them.
 */
import { ConfigError, oneOf, text, url, type Setting } from './configFormats';

/** Azure's container naming rule: 3-63 lower-case letters, digits and single hyphens, starting with a letter or digit. */
const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;

export const blobSettings = {
  blobStore: {
    env: 'BLOB_STORE',
    doc: 'Where encrypted file bytes are kept: fs, files under DATA_DIR/blobs (one instance); azure, an Azure Blob Storage container that several instances can share.',
    example: 'azure',
    format: 'fs | azure',
    default: () => 'fs',
    parse: oneOf(['fs', 'azure'] as const),
  },
  azureStorageConnectionString: {
    env: 'AZURE_STORAGE_CONNECTION_STRING',
    doc: 'Connection string of the storage account, with its key or a SAS (BLOB_STORE=azure; or give AZURE_STORAGE_ACCOUNT_URL). A secret.',
    example: 'DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net',
    format: 'Azure Storage connection string',
    default: () => undefined,
    parse: (raw: string): string | undefined => {
      if (!/(^|;)\s*(AccountName|BlobEndpoint)=/i.test(raw)) throw new ConfigError('must be an Azure Storage connection string naming AccountName or BlobEndpoint');
      return raw;
    },
  },
  azureStorageAccountUrl: {
    env: 'AZURE_STORAGE_ACCOUNT_URL',
    doc: 'Blob endpoint of the storage account with a SAS query that grants read, write, create and delete (BLOB_STORE=azure, when no connection string is given). A secret.',
    example: 'https://account.blob.core.windows.net/?sv=…&sig=…',
    format: 'https:// URL',
    default: () => undefined,
    parse: (raw: string): string | undefined => url(['https:', 'http:'])(raw),
  },
  azureStorageContainer: {
    env: 'AZURE_STORAGE_CONTAINER',
    doc: 'Container that holds the blobs (BLOB_STORE=azure); created at start when the credentials allow it.',
    example: 'sealpost-files',
    format: '3-63 lower-case letters, digits and hyphens',
    default: () => 'sealpost',
    parse: (raw: string): string => {
      if (!CONTAINER_NAME.test(raw)) throw new ConfigError('must be 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit');
      return text(raw);
    },
  },
} satisfies Record<string, Setting<unknown>>;

/** Setting keys whose values are secrets: an error about them shows "…" instead of the value. */
export const secretBlobSettings = ['azureStorageConnectionString', 'azureStorageAccountUrl'];

/** The Azure store needs credentials; answers the sentence that says what is missing, or null. */
export function missingBlobSetting(config: { blobStore: string; azureStorageConnectionString?: string; azureStorageAccountUrl?: string }): string | null {
  if (config.blobStore !== 'azure' || config.azureStorageConnectionString || config.azureStorageAccountUrl) return null;
  return 'BLOB_STORE=azure needs AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT_URL (with a SAS), so Sealpost can reach the storage account.';
}
