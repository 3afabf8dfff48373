/**
 * Matrix rows of messaging: sending, reading, recall, expiry, threads, forwarding, uploads, files, clients and
 * recipient classification. The subject is the admin's message to the pro and the guest, or the pro's upload, so the
 * user manager is in the organization but not in the conversation.
 */
import { uploadBytes } from '../../routes/files/testSupport';
import { sendAs } from '../../testing/members';
import { signedIn, type MatrixContext, type Rows } from './matrix';

export function messagingRows({ t, cast }: MatrixContext): Rows {
  const to = (...people: { email: string }[]) => people.map(({ email }) => ({ email }));
  const subjects = {
    adminMessage: () => sendAs(t, cast.admin.accessToken, { subject: 'Matrix', to: to(cast.pro, cast.guest) }),
    proMessage: () => sendAs(t, cast.pro.accessToken, { subject: 'Matrix', to: to(cast.guest) }),
    /** A guest's message to every pro of the cast: each of them may forward it, and the guest is their client. */
    guestMessage: async () => (await sendAs(t, cast.guest.accessToken, { subject: 'Matrix', to: to(cast.admin, cast.userManager, cast.pro) })).id,
    proUpload: async () => {
      const res = await t.api('POST', '/api/v1/uploads', { token: cast.pro.accessToken, body: { name: 'scan.pdf', size: 10 } });
      return res.body.id as string;
    },
    attachedFile: async () => {
      const fileId = await uploadBytes(t, cast.admin.accessToken, Buffer.from('matrix file'), { name: 'chart.txt' });
      await sendAs(t, cast.admin.accessToken, { subject: 'Files', to: to(cast.pro, cast.guest), attachmentIds: [fileId] });
      return fileId;
    },
  };
  // The sender and both recipients may read; the user manager and another organization may not even see it.
  const conversation = signedIn('ok', { userManager: 'not_found', otherOrg: 'not_found' });

  return {
    // Pros write to anyone (new people become guests once confirmed); the guest writes to the pros of its organization.
    'POST /api/v1/messages': {
      call: async () => ({
        path: '/api/v1/messages',
        body: { subject: 'Matrix', html: '<p>x</p>', to: to(cast.admin, cast.pro), confirmedInvitations: [cast.admin.email, cast.pro.email] },
      }),
      expect: signedIn('ok'),
    },
    'GET /api/v1/messages': { call: async () => ({ path: '/api/v1/messages?box=inbox' }), expect: signedIn('ok') },
    'GET /api/v1/messages/:messageId': { call: async () => ({ path: `/api/v1/messages/${(await subjects.adminMessage()).id}` }), expect: conversation },
    'GET /api/v1/threads/:threadId': { call: async () => ({ path: `/api/v1/threads/${(await subjects.adminMessage()).threadId}` }), expect: conversation },
    // Each side deletes from its own view.
    'DELETE /api/v1/messages/:messageId': { call: async () => ({ path: `/api/v1/messages/${(await subjects.adminMessage()).id}` }), expect: conversation },
    // Only the sender changes the expiry; the sender or an admin recalls (here the pro's message); a guest never recalls.
    'PATCH /api/v1/messages/:messageId': {
      call: async () => ({ path: `/api/v1/messages/${(await subjects.adminMessage()).id}`, body: { expiresAt: null } }),
      expect: signedIn('not_found', { admin: 'ok' }),
    },
    'POST /api/v1/messages/:messageId/recall': {
      call: async () => ({ path: `/api/v1/messages/${(await subjects.proMessage()).id}/recall`, body: { reason: 'Wrong patient' } }),
      expect: signedIn('not_found', { admin: 'ok', pro: 'ok', guest: 'forbidden' }),
    },
    // Pros who received it forward it (to the other pros: themselves in the list count as nobody); guests may not.
    'POST /api/v1/messages/:messageId/forward': {
      call: async () => ({ path: `/api/v1/messages/${await subjects.guestMessage()}/forward`, body: { to: to(cast.pro, cast.userManager) } }),
      expect: signedIn('ok', { guest: 'forbidden', otherOrg: 'not_found' }),
    },
    'POST /api/v1/uploads': { call: async () => ({ path: '/api/v1/uploads', body: { name: 'scan.pdf', size: 10 } }), expect: signedIn('ok') },
    // An upload in progress is its uploader's alone.
    'HEAD /api/v1/uploads/:fileId': {
      call: async () => ({ path: `/api/v1/uploads/${await subjects.proUpload()}` }),
      expect: signedIn('not_found', { pro: 'ok' }),
    },
    'PATCH /api/v1/uploads/:fileId': {
      call: async () => ({
        path: `/api/v1/uploads/${await subjects.proUpload()}`,
        raw: { bytes: Buffer.from('0123456789'), headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0', 'tus-resumable': '1.0.0' } },
      }),
      expect: signedIn('not_found', { pro: 'ok' }),
    },
    'GET /api/v1/files/:fileId': { call: async () => ({ path: `/api/v1/files/${await subjects.attachedFile()}` }), expect: conversation },
    'GET /api/v1/files/:fileId/content': { call: async () => ({ path: `/api/v1/files/${await subjects.attachedFile()}/content` }), expect: conversation },
    // Every pro has a client list (another organization's pro sees their own, empty one); guests have none.
    'GET /api/v1/clients': { call: async () => ({ path: '/api/v1/clients' }), expect: signedIn('ok', { guest: 'forbidden' }) },
    'GET /api/v1/clients/:accountId/messages': {
      call: async () => {
        await subjects.guestMessage();
        return { path: `/api/v1/clients/${cast.guest.accountId}/messages` };
      },
      expect: signedIn('ok', { guest: 'forbidden', otherOrg: 'not_found' }),
    },
    'POST /api/v1/recipients/classify': {
      call: async () => ({ path: '/api/v1/recipients/classify', body: { recipients: [{ email: 'a@b.example' }] } }),
      expect: signedIn('ok'),
    },
  };
}
