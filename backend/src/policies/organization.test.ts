/** Who may see and change the organization's settings, branding, seats and audit log, and who has a client list. */
import { can, type Action } from './authorize';
import { ACTOR_NAMES, actors, type ActorName } from './testing/actors';

const answers = (action: Extract<Action, `organization.${string}`>) => ACTOR_NAMES.filter((n) => can(actors[n], action).allowed);

test.each([
  ['organization.readSettings', ['admin', 'userManager']],
  ['organization.changeSettings', ['admin']],
  ['organization.changeBranding', ['admin']],
  ['organization.manageSso', ['admin']],
  ['organization.buySeats', ['admin', 'userManager']],
  ['organization.readAudit', ['admin']],
  ['organization.listClients', ['admin', 'userManager', 'pro']],
  ['organization.spendMailAllowance', ['admin', 'userManager', 'pro']],
] as const)('when each standing asks %s, then exactly %j may', (action, allowed: readonly ActorName[]) => {
  expect(answers(action)).toEqual([...allowed]);
});

test.each([
  ['organization.readSettings', 'userManager', null],
  ['organization.readSettings', 'pro', "You need the admin or user manager role to see your organization's settings."],
  ['organization.changeSettings', 'userManager', "You need the admin role to change your organization's settings."],
  ['organization.changeBranding', 'userManager', 'You need the admin role to change the branding.'],
  ['organization.manageSso', 'userManager', 'You need the admin role to set up single sign-on.'],
  ['organization.buySeats', 'pro', 'You need the admin or user manager role to see and buy seats.'],
  ['organization.readAudit', 'userManager', 'You need the admin role to read the audit log.'],
  ['organization.listClients', 'guest', 'Only staff have a client list. Your conversations are in your inbox.'],
] as const)('when %s is asked by a %s, then the sentence is %j', (action, name, sentence) => {
  const verdict = can(actors[name], action);
  expect(verdict).toEqual(sentence === null ? { allowed: true } : { allowed: false, code: 'forbidden', sentence });
});
