/** Test shortcut: a member of the caller's organization who has set up 2-step verification while signed in. */
import { codeAt, freshStep } from '../routes/twoStep/testSupport';
import { inviteAndRegister, type Member } from './members';
import type { TestServer } from './testServer';

export async function enrolledMember(t: TestServer, inviter: { accessToken: string }, type: 'pro' | 'guest' = 'guest'): Promise<Member & { secret: string }> {
  const member = await inviteAndRegister(t, inviter, { type });
  const enroll = await t.api('POST', '/api/v1/two-step/enroll', { token: member.accessToken });
  if (enroll.status !== 200) throw new Error(`enroll answered ${enroll.status}: ${JSON.stringify(enroll.body)}`);
  // The previous step's code is accepted (one step of drift) and leaves the current one for the test.
  const code = await codeAt(enroll.body.secret, (await freshStep()) - 1);
  const activated = await t.api('POST', '/api/v1/two-step/activate', { token: member.accessToken, body: { code } });
  if (activated.status !== 200) throw new Error(`activate answered ${activated.status}: ${JSON.stringify(activated.body)}`);
  return { ...member, secret: enroll.body.secret };
}
