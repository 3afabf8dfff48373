/** Seeds an organization for the benchmarks through the store's own repositories, and signs its admin in. */
import { hashPassword } from '../backend/src/auth/passwords';
import type { Running } from '../backend/src/main';
import { json } from './lib';

export interface SeededOrg {
  organizationId: string;
  token: string;
  members: string[];
  guests: string[];
}

export async function seedOrganization(running: Running, size: { pros: number; guests: number }): Promise<SeededOrg> {
  const { store } = running.deps;
  const passwordHash = await hashPassword('benchmark passphrase');
  const org = await store.organizations.create({ name: 'Bench Clinic', seatsPurchased: size.pros + 10 });
  const admin = await store.accounts.create({ email: 'admin@bench-clinic.example', name: 'Bench Admin', passwordHash });
  await store.memberships.create({ organizationId: org.id, accountId: admin.id, type: 'pro', status: 'active', isAdmin: true, isUserManager: true });
  const members: string[] = [];
  const guests: string[] = [];
  for (let i = 0; i < size.pros + size.guests; i += 1) {
    const pro = i < size.pros;
    const email = pro ? `pro${i}@bench-clinic.example` : `client${i}@patients.example`;
    const account = await store.accounts.create({ email, name: `Person ${i}`, passwordHash });
    await store.memberships.create({ organizationId: org.id, accountId: account.id, type: pro ? 'pro' : 'guest', status: 'active' });
    (pro ? members : guests).push(email);
  }
  const login = await json(`${running.url}/api/v1/auth/login`, { body: { email: 'admin@bench-clinic.example', password: 'benchmark passphrase' } });
  return { organizationId: org.id, token: login.accessToken, members, guests };
}
