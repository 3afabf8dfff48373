/** The pane's words for each recipient status. */
import { statusLook } from './statusBadge';

test('when a new recipient may be a list, then the hint asks to invite only one person', () => {
  expect(statusLook('new_unconfirmed', 'new_guest', true).hint).toMatch(/one person or a list: invite only one person, never a list\.$/);
  expect(statusLook('new_unconfirmed', 'new_guest', false).hint).not.toMatch(/list/);
  expect(statusLook('member', 'member_pro', true).hint).not.toMatch(/list/);
});
