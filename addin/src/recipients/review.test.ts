/** Matching Outlook recipients with the classification and the sender's decisions, and what stops a send. */
import type { ClassifiedRecipient } from '@contract/recipients';
import type { Recipient } from '../office/OfficeAdapter';
import { assessSend, classifyInput, decide, reviewRows } from './review';

const r = (emailAddress: string | null, displayName = ''): Recipient => ({ emailAddress, displayName, recipientType: 'user' });
const c = (input: string, outcome: ClassifiedRecipient['outcome']): ClassifiedRecipient => ({
  input, email: outcome === 'invalid' ? null : input.toLowerCase(), displayName: null, outcome,
});

test('when an address is in To and Bcc, then it is listed and classified once, under To', () => {
  const byField = { to: [r('Ann@Client.example', 'Ann')], cc: [], bcc: [r('ann@client.example')] };
  expect(classifyInput(byField)).toEqual([{ email: 'Ann@Client.example', displayName: 'Ann' }]);
  expect(reviewRows(byField, [c('Ann@Client.example', 'member_guest')], { confirmed: [], skipped: [] })).toEqual([
    { key: 'ann@client.example', displayName: 'Ann', email: 'ann@client.example', field: 'to', outcome: 'member_guest', status: 'member' },
  ]);
});

test('when nothing is classified yet, then rows are pending and a send is not ready', () => {
  const rows = reviewRows({ to: [r('ann@client.example')], cc: [], bcc: [] }, null, { confirmed: [], skipped: [] });
  expect(rows[0]!.status).toBe('pending');
  expect(assessSend(rows).ready).toBe(false);
});

test('when decisions are recorded, then new recipients show confirmed or skipped, and only confirmed ones are invited', () => {
  const byField = { to: [r('a@x.example'), r('b@x.example'), r('c@x.example')], cc: [], bcc: [] };
  const classified = [c('a@x.example', 'new_guest'), c('b@x.example', 'new_pro'), c('c@x.example', 'new_guest')];
  let decisions = decide({ confirmed: [], skipped: [] }, 'a@x.example', 'confirm');
  decisions = decide(decisions, 'b@x.example', 'skip');
  const assessment = assessSend(reviewRows(byField, classified, decisions));
  expect(assessment.confirmedInvitations).toEqual(['a@x.example']);
  expect(assessment.skipped.map((x) => x.email)).toEqual(['b@x.example']);
  expect(assessment.unconfirmed.map((x) => x.email)).toEqual(['c@x.example']);
  expect(decide(decisions, 'b@x.example', 'undo')).toEqual({ confirmed: ['a@x.example'], skipped: [] });
});

test('when a recipient has no address, then it is unusable without asking the backend', () => {
  const byField = { to: [r(null, 'All staff')], cc: [], bcc: [] };
  expect(classifyInput(byField)).toEqual([]);
  expect(assessSend(reviewRows(byField, [], { confirmed: [], skipped: [] })).unusable.map((x) => x.displayName)).toEqual(['All staff']);
});

test('when the only recipient is the sender, then the send is not ready', () => {
  const byField = { to: [r('me@clinic.example')], cc: [], bcc: [] };
  expect(assessSend(reviewRows(byField, [c('me@clinic.example', 'self')], { confirmed: [], skipped: [] })).ready).toBe(false);
});

test('when members, pending invitations and confirmed newcomers are all there is, then the send is ready', () => {
  const byField = { to: [r('a@x.example'), r('b@x.example')], cc: [r('c@x.example')], bcc: [] };
  const rows = reviewRows(byField, [c('a@x.example', 'member_pro'), c('b@x.example', 'invited'), c('c@x.example', 'new_guest')], { confirmed: ['c@x.example'], skipped: [] });
  expect(assessSend(rows)).toMatchObject({ ready: true, confirmedInvitations: ['c@x.example'] });
});

test('when a recipient is a distribution list, with or without an address, then it is a list row, never classified, and the send is not ready', () => {
  const list = (emailAddress: string | null, displayName: string) => ({ emailAddress, displayName, recipientType: 'distributionList' });
  const byField = { to: [r('a@x.example'), list('all@x.example', 'All'), list(null, 'Family')], cc: [], bcc: [] };
  expect(classifyInput(byField).map((x) => x.email)).toEqual(['a@x.example']);
  const assessment = assessSend(reviewRows(byField, [c('a@x.example', 'member_guest')], { confirmed: ['all@x.example'], skipped: [] }));
  expect(assessment.lists.map((x) => [x.displayName, x.email, x.status])).toEqual([['All', 'all@x.example', 'distribution_list'], ['Family', null, 'distribution_list']]);
  expect(assessment.ready).toBe(false);
  expect(assessment.confirmedInvitations).toEqual([]);
});

test('when Outlook types a recipient with an address as "other" (a list it did not call one, on some clients), then its row is flagged as maybe a list', () => {
  const byField = { to: [{ emailAddress: 'all-staff@x.example', displayName: 'All Staff', recipientType: 'other' }, r('a@x.example')], cc: [], bcc: [] };
  const rows = reviewRows(byField, [c('all-staff@x.example', 'new_guest'), c('a@x.example', 'new_guest')], { confirmed: [], skipped: [] });
  expect(rows.map((row) => [row.email, row.maybeList ?? false, row.status])).toEqual([
    ['all-staff@x.example', true, 'new_unconfirmed'],
    ['a@x.example', false, 'new_unconfirmed'],
  ]);
});
