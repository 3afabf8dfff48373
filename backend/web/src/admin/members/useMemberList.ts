/**
 * The member list as the server pages it: filters and order go into the query, a typed search waits for a pause
 * before it is sent, and "Show more" follows the `next` cursor. A newer request always wins over an older one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiProblem } from '../../shared/api';
import { api, queryString } from '../api';
import type { Member, MemberPage, MemberState } from '@contract/members';

export type Sort = 'name' | 'email' | 'joined' | 'lastLogin';

export interface MemberFilters {
  q: string;
  type: '' | 'pro' | 'guest';
  role: '' | 'admin' | 'user_manager' | 'none';
  status: '' | MemberState;
  sort: Sort;
  direction: 'asc' | 'desc';
}

export const NO_FILTERS: MemberFilters = { q: '', type: '', role: '', status: '', sort: 'name', direction: 'asc' };
const PAGE_SIZE = 50;
const TYPING_PAUSE_MS = 300;

export function filterQuery(f: MemberFilters): Record<string, string | undefined> {
  return { q: f.q.trim() || undefined, type: f.type || undefined, role: f.role || undefined, status: f.status || undefined, sort: f.sort, direction: f.direction };
}

export function useMemberList() {
  const [filters, setFilters] = useState<MemberFilters>(NO_FILTERS);
  const [sent, setSent] = useState<MemberFilters>(NO_FILTERS);
  const [members, setMembers] = useState<Member[]>([]);
  const [page, setPage] = useState<Omit<MemberPage, 'members'> | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const generation = useRef(0);

  // Everything but the search box applies at once; typing waits for a pause.
  useEffect(() => {
    if (filters.q === sent.q) {
      setSent(filters);
      return undefined;
    }
    const timer = setTimeout(() => setSent(filters), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [filters, sent.q]);

  const reload = useCallback(async () => {
    const mine = (generation.current += 1);
    setLoading(true);
    setProblem(null);
    try {
      const result = await api.get<MemberPage>(`/api/v1/members${queryString({ ...filterQuery(sent), limit: PAGE_SIZE })}`);
      if (mine !== generation.current) return;
      setMembers(result.members);
      setPage({ next: result.next, total: result.total, totalIsCapped: result.totalIsCapped });
    } catch (err) {
      if (mine === generation.current) setProblem(err instanceof ApiProblem ? err : new ApiProblem(0, 'unexpected', String(err)));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [sent]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const loadMore = useCallback(async () => {
    if (!page?.next || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    try {
      const result = await api.get<MemberPage>(`/api/v1/members${queryString({ ...filterQuery(sent), limit: PAGE_SIZE, cursor: page.next })}`);
      if (mine !== generation.current) return;
      setMembers((shown) => [...shown, ...result.members]);
      setPage((p) => (p ? { ...p, next: result.next } : p));
    } catch (err) {
      setProblem(err instanceof ApiProblem ? err : new ApiProblem(0, 'unexpected', String(err)));
    } finally {
      setLoadingMore(false);
    }
  }, [page, loadingMore, sent]);

  return { filters, setFilters, sent, members, page, loading, loadingMore, problem, reload, loadMore };
}
