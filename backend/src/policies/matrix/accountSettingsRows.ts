/** Matrix rows of account security: changing one's own password, and resetting a member's 2-step verification. */
import { enrolledMember } from '../../testing/twoStepMembers';
import { managers, signedIn, type MatrixContext, type Rows } from './matrix';

export function accountSettingsRows({ t, cast }: MatrixContext): Rows {
  return {
    // A wrong current password: every live member gets past who-may-call to the password check, and nothing changes.
    'POST /api/v1/auth/password': {
      call: async () => ({ path: '/api/v1/auth/password', body: { currentPassword: 'not the password', newPassword: 'a new sturdy passphrase' } }),
      expect: signedIn('allowed'),
    },
    // The subject is a fresh guest of this organization with 2-step set up: another organization's admin finds nobody.
    'POST /api/v1/members/:accountId/two-step/reset': {
      call: async () => ({ path: `/api/v1/members/${(await enrolledMember(t, cast.admin)).accountId}/two-step/reset` }),
      expect: managers('not_found'),
    },
  };
}
