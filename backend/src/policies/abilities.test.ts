/** The abilities pages read are the rules' own answers: each standing gets exactly what the server would allow. */
import { memberAbilities, presentPolicies } from './abilities';
import { actors } from './testing/actors';

test('when an admin, a user manager, a pro and a guest ask what they may do, then each gets their own set', () => {
  const granted = (name: keyof typeof actors) => Object.entries(presentPolicies(actors[name])).filter(([, v]) => v).map(([k]) => k);
  const staff = ['inviteGuests', 'listClients', 'writeToAnyone', 'forwardMessages', 'recallMessages', 'shortenExpiry', 'requestSignatures'];
  const managers = ['invitePros', 'manageMembers', 'readSettings', 'buySeats', 'seeDomains'];
  const admins = ['changeSettings', 'changeBranding', 'readAudit', 'manageDomains', 'recallAnyMessage'];
  expect(granted('admin').sort()).toEqual([...staff, ...managers, ...admins].sort());
  expect(granted('userManager').sort()).toEqual([...staff, ...managers].sort());
  expect(granted('pro').sort()).toEqual([...staff].sort());
  expect(granted('guest')).toEqual([]);
  expect(granted('guestFlaggedAdmin')).toEqual([]);
});

test('when a user manager looks at an admin, then the page may offer signing them out but not removing them, changing their roles or resetting their 2-step', () => {
  const someAdmin = { accountId: '00000000-0000-4000-8000-00000000a001', type: 'pro', status: 'active', isAdmin: true } as const;
  expect(memberAbilities(actors.userManager, someAdmin)).toEqual({
    canEditInvited: false,
    canChangeType: false,
    canGrantRoles: false,
    canRemove: false,
    canSignOutEverywhere: true,
    canResetTwoStep: false,
  });
  expect(memberAbilities(actors.userManager, { ...someAdmin, isAdmin: false }).canResetTwoStep).toBe(true);
  expect(memberAbilities(actors.pro, { ...someAdmin, isAdmin: false }).canResetTwoStep).toBe(false);
});
