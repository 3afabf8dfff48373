/** The portal's drafts: saved as they are typed, listed from any membership, deleted once sent or discarded. */
import type { Draft, DraftContent } from '@contract/drafts';
import { requestJson } from './http';

export type { Draft, DraftContent };

export const listDrafts = () => requestJson<{ drafts: Draft[] }>('GET', '/api/v1/drafts');
export const saveDraft = (id: string, content: DraftContent) =>
  requestJson<{ id: string; updatedAt: string }>('PUT', `/api/v1/drafts/${encodeURIComponent(id)}`, content);
export const deleteDraft = (id: string) => requestJson<void>('DELETE', `/api/v1/drafts/${encodeURIComponent(id)}`);
