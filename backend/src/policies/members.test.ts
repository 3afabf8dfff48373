/** Who may invite and manage members, each rule tried by every standing, and the sentence each refusal gives. */
import { can } from './authorize';
import type { MemberSubject } from './members';
import { ACTOR_NAMES, actors, type ActorName } from './testing/actors';

const activePro: MemberSubject = { type: 'pro', status: 'active', isAdmin: false };
const activeAdmin: MemberSubject = { type: 'pro', status: 'active', isAdmin: true };
const invitedGuest: MemberSubject = { type: 'guest', status: 'invited', isAdmin: false };
const removedPro: MemberSubject = { type: 'pro', status: 'removed', isAdmin: false };

const allowedFor = (names: ActorName[]) => Object.fromEntries(ACTOR_NAMES.map((n) => [n, names.includes(n)]));
const answers = (ask: (name: ActorName) => { allowed: boolean }) => Object.fromEntries(ACTOR_NAMES.map((n) => [n, ask(n).allowed]));

test.each([
  ['members.invite', ['admin', 'userManager', 'pro']],
  ['members.invitePros', ['admin', 'userManager']],
  ['members.seeAllInvitations', ['admin', 'userManager']],
  ['members.manage', ['admin', 'userManager']],
] as const)('when each standing asks %s, then only %j may', (action, allowed) => {
  expect(answers((n) => can(actors[n], action))).toEqual(allowedFor([...allowed]));
});

test.each([
  ['members.changeType', activePro, ['admin']],
  ['members.changeType', invitedGuest, ['admin']],
  ['members.changeType', removedPro, []],
  ['members.grantRoles', activePro, ['admin']],
  ['members.grantRoles', invitedGuest, []],
  ['members.remove', activePro, ['admin', 'userManager']],
  ['members.remove', activeAdmin, ['admin']],
  ['members.remove', removedPro, []],
  ['members.signOutEverywhere', activePro, ['admin', 'userManager']],
  ['members.signOutEverywhere', invitedGuest, []],
  ['members.editInvited', invitedGuest, ['admin', 'userManager']],
  ['members.editInvited', activePro, []],
] as const)('when each standing asks %s of a member %j, then only %j may', (action, member, allowed) => {
  expect(answers((n) => can(actors[n], action, member))).toEqual(allowedFor([...allowed]));
});

test('when a pro follows up on an invitation, then only their own is theirs; user managers and admins may follow up any', () => {
  const ownedByPro = { invitedBy: actors.pro.account.id };
  const ownedByGuest = { invitedBy: actors.guest.account.id };
  expect(answers((n) => can(actors[n], 'members.followUpInvitation', ownedByPro))).toEqual(allowedFor(['admin', 'userManager', 'pro']));
  expect(answers((n) => can(actors[n], 'members.followUpInvitation', ownedByGuest))).toEqual(allowedFor(['admin', 'userManager']));
  expect(can(actors.pro, 'members.followUpInvitation', { invitedBy: null })).toEqual({
    allowed: false,
    code: 'forbidden',
    sentence: 'Only the person who sent this invitation, a user manager or an admin can resend or withdraw it.',
  });
});

test('when a guest invites, then it is guest_cannot_invite and says whom to ask; a blocked pro is told to be an active member', () => {
  expect(can(actors.guest, 'members.invite')).toEqual({
    allowed: false,
    code: 'guest_cannot_invite',
    sentence: 'Guests cannot invite people. Ask a member of the organization to invite them.',
  });
  expect(can(actors.blockedAdmin, 'members.invite')).toMatchObject({ code: 'forbidden', sentence: 'You need to be an active member of the organization to invite people.' });
});

test('when a refusal is about the role, then the sentence names the role; when it is about the member, it names what is wrong with them', () => {
  expect(can(actors.pro, 'members.invitePros')).toMatchObject({ code: 'forbidden', sentence: 'You need the admin or user manager role to invite pros; you can invite guests.' });
  expect(can(actors.userManager, 'members.remove', activeAdmin)).toMatchObject({ sentence: 'You need the admin role to remove an admin.' });
  expect(can(actors.pro, 'members.remove', activePro)).toMatchObject({ sentence: 'You need the admin or user manager role to remove members.' });
  expect(can(actors.admin, 'members.remove', removedPro)).toMatchObject({ sentence: 'This member was already removed.' });
  expect(can(actors.userManager, 'members.changeType', activePro)).toMatchObject({ sentence: 'You need the admin role to make a member a pro or a guest.' });
  expect(can(actors.admin, 'members.grantRoles', invitedGuest)).toMatchObject({ sentence: 'Only active pros hold roles. Make this member a pro first.' });
  expect(can(actors.pro, 'members.manage')).toMatchObject({ sentence: "You need the admin or user manager role to manage your organization's members." });
});

test("when a removed pro's conversations are handed over, then only an active pro of the organization other than them may take them", () => {
  const ask = (successor: Parameters<typeof can<'members.takeOverConversations'>>[2]['successor']) =>
    can(actors.admin, 'members.takeOverConversations', { removedId: 'leaving', successor });
  const pro = { ...activePro, accountId: 'nora', blocked: false };
  expect(ask(pro)).toEqual({ allowed: true });
  expect(ask(null)).toMatchObject({ code: 'invalid_hand_over', sentence: expect.stringMatching(/^That person is not a member of this organization\./) });
  expect(ask({ ...pro, accountId: 'leaving' })).toMatchObject({ sentence: expect.stringMatching(/^The person being removed cannot take over/) });
  expect(ask({ ...pro, type: 'guest' })).toMatchObject({ sentence: expect.stringMatching(/^Guests cannot take over conversations\./) });
  expect(ask({ ...pro, status: 'removed' })).toMatchObject({ sentence: expect.stringMatching(/^That person is not an active member\./) });
  expect(ask({ ...pro, status: 'invited' })).toMatchObject({ code: 'invalid_hand_over' });
  expect(ask({ ...pro, blocked: true })).toMatchObject({ code: 'invalid_hand_over' });
});
