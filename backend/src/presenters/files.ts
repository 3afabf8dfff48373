/** A stored file as the API answers it: name (decrypted by the caller), size, type and upload state. */
import type { StoredFileAnswer } from '../contract/files';
import type { StoredFile } from '../store';

export function presentFile(file: StoredFile, name: string): StoredFileAnswer {
  return {
    id: file.id,
    name,
    size: file.size,
    contentType: file.contentType,
    status: file.status,
    received: file.received,
  };
}
