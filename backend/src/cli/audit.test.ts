/** `npm run audit -- verify <organizationId>`: intact chains pass; a changed event or a broken link is named. */
import { castOrganization } from '../testing/members';
import { startTestServer, type TestServer } from '../testing/testServer';
import { runAuditCommand } from './audit';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

/** An organization with a few events, linked as the background linker would have done by now. */
async function linkedOrganization(name: string) {
  const cast = await castOrganization(t, name);
  await t.store.audit.link();
  return cast;
}

test('when the chain is intact, then it says so and exits 0', async () => {
  const cast = await linkedOrganization('Intact Inc');
  const result = await runAuditCommand(t.store, ['verify', cast.organizationId]);
  expect(result.exitCode).toBe(0);
  expect(result.output).toMatch(/^The audit log of Intact Inc is intact: \d+ event\(s\), every link verified\.$/);
});

test("when an event's content is changed, then it prints that event as the first broken link and exits 1", async () => {
  const cast = await linkedOrganization('Tampered Ltd');
  await t.store.db.query(`UPDATE audit_events SET action = 'nothing.happened' WHERE organization_id = $1 AND seq = 4`, [cast.organizationId]);
  const result = await runAuditCommand(t.store, ['verify', cast.organizationId]);
  expect(result.exitCode).toBe(1);
  const lines = result.output.split('\n');
  expect(lines[0]).toBe('The audit log of Tampered Ltd is broken at event 4.');
  expect(lines[1]).toMatch(/^ {2}id [0-9a-f-]{36}, nothing\.happened at \d{4}-/);
  expect(lines[2]).toMatch(/^ {2}its content was changed: stored hash [0-9a-f]{64}, content hashes to [0-9a-f]{64}$/);
  expect(lines[3]).toBe('Events before 4 verify; from 4 on the log cannot be trusted.');
});

test('when an event is deleted, then the link of the next one is named', async () => {
  const cast = await linkedOrganization('Gap GmbH');
  await t.store.db.query('DELETE FROM audit_events WHERE organization_id = $1 AND seq = 2', [cast.organizationId]);
  const result = await runAuditCommand(t.store, ['verify', cast.organizationId]);
  expect(result.exitCode).toBe(1);
  expect(result.output).toContain('broken at event 3.');
  expect(result.output).toContain('its link is wrong: it names');
});

test('when committed events have waited past the grace period unlinked, then it says the log is not being linked', async () => {
  const cast = await linkedOrganization('Stalled Co');
  await t.store.audit.append({ organizationId: cast.organizationId, actorId: null, action: 'late.event' });
  await t.store.db.query("UPDATE audit_events SET created_at = now() - interval '1 hour' WHERE organization_id = $1 AND seq IS NULL", [cast.organizationId]);
  const result = await runAuditCommand(t.store, ['verify', cast.organizationId]);
  expect(result.exitCode).toBe(1);
  const lines = result.output.split('\n');
  expect(lines[0]).toMatch(/^The audit log of Stalled Co is not being linked: 1 event\(s\) committed since \d{4}-.* have no place in the chain yet\.$/);
  expect(lines[1]).toMatch(/^Events before \d+ verify\./);
});

test('when the command or the id is wrong, then it prints how to use it and exits 2', async () => {
  expect(await runAuditCommand(t.store, ['check', '00000000-0000-4000-8000-000000000000'])).toMatchObject({ exitCode: 2, output: expect.stringMatching(/^Usage/) });
  expect(await runAuditCommand(t.store, ['verify', 'not-an-id'])).toMatchObject({ exitCode: 2 });
  expect(await runAuditCommand(t.store, ['verify', '00000000-0000-4000-8000-000000000000'])).toEqual({
    exitCode: 2,
    output: 'No organization has the id 00000000-0000-4000-8000-000000000000.',
  });
});
