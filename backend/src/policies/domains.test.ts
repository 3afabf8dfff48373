/** Admins manage claimed domains, user managers may look, nobody else either; guests never, whatever their row says. */
import { can } from './authorize';
import { ACTOR_NAMES, actors } from './testing/actors';

test('when each standing lists or manages domains, then listing is for admins and user managers, managing for admins', () => {
  expect(ACTOR_NAMES.filter((n) => can(actors[n], 'domains.list').allowed)).toEqual(['admin', 'userManager']);
  expect(ACTOR_NAMES.filter((n) => can(actors[n], 'domains.manage').allowed)).toEqual(['admin']);
});

test('when a refusal is given, then it says which role is needed for which', () => {
  expect(can(actors.pro, 'domains.list')).toEqual({
    allowed: false,
    code: 'forbidden',
    sentence: "You need the admin or user manager role to see your organization's domains.",
  });
  expect(can(actors.userManager, 'domains.manage')).toEqual({ allowed: false, code: 'forbidden', sentence: 'You need the admin role to manage domains.' });
});
