/**
 * Attaching uploaded files to a message, inside the sender's transaction: every file must be the sender's own,
 * in the organization, completely uploaded and not attached yet. From then on who may read a file follows its
 * message (fileAccess.readableFile).
 */
import { errors } from '../errors';
import type { Repositories, StoredFile } from '../store';

export interface AttachInput {
  organizationId: string;
  uploaderId: string;
  fileIds: string[];
  messageId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Attaches the files or throws (404 file_not_found, 409 file_incomplete, 409 file_already_attached, each with the
 * fileId), leaving the transaction to roll back. Repeated ids count once. Returns the attached files in the order given.
 */
export async function attachFiles(tx: Repositories, input: AttachInput): Promise<StoredFile[]> {
  // the database answers ids in lower case
  const ids = [...new Set(input.fileIds.map((id) => id.toLowerCase()))];
  const bad = ids.find((id) => !UUID.test(id));
  if (bad !== undefined) throw errors.fileNotFound(bad);
  // locked until the transaction ends, so two messages cannot both take the same file
  const found = new Map((await tx.files.findForUpdate(input.organizationId, ids)).map((f) => [f.id, f]));
  const files = ids.map((id) => {
    const file = found.get(id);
    // another person's upload is "not found" too: its existence is not the sender's business
    if (!file || file.uploaderId !== input.uploaderId) throw errors.fileNotFound(id);
    if (file.status !== 'complete') throw errors.fileIncomplete(id);
    if (file.messageId !== null) throw errors.fileAlreadyAttached(id);
    return file;
  });
  const attached = await tx.files.attach(input.organizationId, ids, input.messageId);
  if (attached !== ids.length) throw new Error(`attached ${attached} of ${ids.length} locked files`);
  return files.map((file) => ({ ...file, messageId: input.messageId }));
}
