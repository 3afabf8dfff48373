/** The member list's toolbar: search by name or email, filters by type, role and status, and the order. */
import { Field, makeStyles, SearchBox, Select, tokens } from '@fluentui/react-components';
import type { MemberFilters as Filters, Sort } from './useMemberList';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-start' },
  search: { minWidth: '260px', flexGrow: 1 },
});

const SORTS: { value: string; label: string }[] = [
  { value: 'name:asc', label: 'Name, A to Z' },
  { value: 'name:desc', label: 'Name, Z to A' },
  { value: 'email:asc', label: 'Email, A to Z' },
  { value: 'email:desc', label: 'Email, Z to A' },
  { value: 'joined:desc', label: 'Newest first' },
  { value: 'joined:asc', label: 'Oldest first' },
  { value: 'lastLogin:desc', label: 'Signed in most recently' },
  { value: 'lastLogin:asc', label: 'Signed in least recently' },
];

export function MemberFilters({ filters, onChange }: { filters: Filters; onChange: (f: Filters) => void }) {
  const styles = useStyles();
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  return (
    <div className={styles.bar} role="search" aria-label="Find members">
      <Field label="Search" className={styles.search} hint="Start of a name, surname or email">
        <SearchBox value={filters.q} maxLength={100} placeholder="e.g. reyes or dana@" onChange={(_e, d) => set({ q: d.value })} />
      </Field>
      <Field label="Type">
        <Select value={filters.type} onChange={(_e, d) => set({ type: d.value as Filters['type'] })}>
          <option value="">Pros and guests</option>
          <option value="pro">Pros</option>
          <option value="guest">Guests</option>
        </Select>
      </Field>
      <Field label="Role">
        <Select value={filters.role} onChange={(_e, d) => set({ role: d.value as Filters['role'] })}>
          <option value="">Any role</option>
          <option value="admin">Admins</option>
          <option value="user_manager">User managers</option>
          <option value="none">No role</option>
        </Select>
      </Field>
      <Field label="Status">
        <Select value={filters.status} onChange={(_e, d) => set({ status: d.value as Filters['status'] })}>
          <option value="">Any status</option>
          <option value="invited">Invited</option>
          <option value="registered">Registered</option>
          <option value="verified">2-step verified</option>
          <option value="removed">Removed</option>
          <option value="blocked">Blocked</option>
        </Select>
      </Field>
      <Field label="Sort by">
        <Select
          value={`${filters.sort}:${filters.direction}`}
          onChange={(_e, d) => {
            const [sort, direction] = d.value.split(':') as [Sort, 'asc' | 'desc'];
            set({ sort, direction });
          }}
        >
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>{s.label}</option>
          ))}
        </Select>
      </Field>
    </div>
  );
}
