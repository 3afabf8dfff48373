/** Who may see a file: its uploader until it is sent, then whoever may open a message carrying it; anyone else is told it is not there. */
import { can } from './authorize';
import { refuse } from './verdict';
import { actors } from './testing/actors';

const notFound = { allowed: false, code: 'not_found', sentence: 'That file was not found.' };
const unsent = { uploaderId: 'pro', messageId: null };
const sent = { uploaderId: 'pro', messageId: 'm1' };
const recalled = refuse('message_recalled', 'Recalled by Pat Pro on 2026-02-03.', { forwarded: false });

test('when an upload is not sent yet, then only its uploader continues or reads it', () => {
  expect(can(actors.pro, 'files.continueUpload', unsent)).toEqual({ allowed: true });
  expect(can(actors.admin, 'files.continueUpload', unsent)).toEqual(notFound);
  expect(can(actors.pro, 'files.read', { file: unsent, carriers: [] })).toEqual({ allowed: true });
  expect(can(actors.admin, 'files.read', { file: unsent, carriers: [] })).toEqual(notFound);
});

test('when a file was sent, then any message carrying it that the reader may open lets them in, whoever uploaded it', () => {
  const carriers = [
    { messageId: 'm1', verdict: refuse('not_found', 'That message was not found.') },
    { messageId: 'm2', verdict: { allowed: true } as const },
  ];
  expect(can(actors.guest, 'files.read', { file: sent, carriers })).toEqual({ allowed: true });
  expect(can(actors.pro, 'files.read', { file: sent, carriers: [carriers[0]!] })).toEqual(notFound);
});

test('when every carrier is closed, then the reader hears why (recalled), and one who is party to none hears "not found", never "message"', () => {
  const carriers = [
    { messageId: 'm1', verdict: refuse('not_found', 'That message was not found.') },
    { messageId: 'm2', verdict: recalled },
  ];
  expect(can(actors.guest, 'files.read', { file: sent, carriers })).toEqual(recalled);
  expect(can(actors.guest, 'files.read', { file: sent, carriers: [] })).toEqual(notFound);
});
