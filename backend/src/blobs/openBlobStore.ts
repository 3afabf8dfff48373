/** The blob store the configuration names: files under DATA_DIR/blobs, or the shared Azure container. */
import path from 'node:path';
import type { Config } from '../config';
import { openAzureBlobStore } from './azureBlobStore';
import type { BlobStore } from './blobStore';
import { fsBlobStore } from './fsBlobStore';

export async function openBlobStore(config: Config): Promise<BlobStore> {
  if (config.blobStore === 'fs') return fsBlobStore(path.join(config.dataDir, 'blobs'));
  return openAzureBlobStore({
    connectionString: config.azureStorageConnectionString,
    accountUrl: config.azureStorageAccountUrl,
    container: config.azureStorageContainer,
  });
}
