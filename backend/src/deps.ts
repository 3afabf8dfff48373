/** What the app needs from the outside world; main.ts builds it, tests build their own. */
import type { SessionCache } from './auth/sessionCache';
import type { BlobStore } from './blobs/blobStore';
import type { Config } from './config';
import type { Logger } from './logger';
import type { MailCatcher } from './mail/catcher';
import type { Secrets } from './secrets';
import type { Store } from './store';

export interface AppDeps {
  config: Config;
  store: Store;
  secrets: Secrets;
  logger: Logger;
  /** Encrypted file bytes: DATA_DIR/blobs, or an Azure container (BLOB_STORE). */
  blobs: BlobStore;
  /** Present in embedded mode: the dev mailbox page shows what it caught. */
  mailCatcher?: MailCatcher;
  /** Live sessions kept in memory between requests (main.ts starts it); without it every request reads the database. */
  sessionCache?: SessionCache;
}
