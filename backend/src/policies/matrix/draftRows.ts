/** Matrix rows of drafts: every live member keeps their own; someone else's draft is not found. */
import { randomUUID } from 'node:crypto';
import { everyone, signedIn, type MatrixContext, type Rows } from './matrix';

export function draftRows({ t, cast }: MatrixContext): Rows {
  /** A fresh draft of this organization's admin, the subject someone else must not reach. */
  const adminDraft = async () => {
    const id = randomUUID();
    const saved = await t.api('PUT', `/api/v1/drafts/${id}`, { token: cast.admin.accessToken, body: { subject: 'Matrix draft', html: '<p>typed</p>' } });
    if (saved.status !== 200) throw new Error(`draft save answered ${saved.status}`);
    return id;
  };
  return {
    'GET /api/v1/drafts': { call: async () => ({ path: '/api/v1/drafts' }), expect: signedIn('ok') },
    'PUT /api/v1/drafts/:draftId': {
      call: async () => ({ path: `/api/v1/drafts/${randomUUID()}`, body: { subject: 'Typed', html: '<p>typed</p>', to: [{ email: 'someone@client.example' }] } }),
      expect: signedIn('ok'),
    },
    // Only its writer may delete a draft; to anyone else it does not exist.
    'DELETE /api/v1/drafts/:draftId': {
      call: async () => ({ path: `/api/v1/drafts/${await adminDraft()}` }),
      expect: everyone('not_found', { admin: 'ok', removed: 'denied', anonymous: 'unauthenticated' }),
    },
  };
}
