/** Matrix rows of account security run by the organization: resetting a member's 2-step verification. */
import { enrolledMember } from '../../testing/twoStepMembers';
import { managers, type MatrixContext, type Rows } from './matrix';

export function accountSettingsRows({ t, cast }: MatrixContext): Rows {
  return {
    // The subject is a fresh guest of this organization with 2-step set up: another organization's admin finds nobody.
    'POST /api/v1/members/:accountId/two-step/reset': {
      call: async () => ({ path: `/api/v1/members/${(await enrolledMember(t, cast.admin)).accountId}/two-step/reset` }),
      expect: managers('not_found'),
    },
  };
}
