import type { CaseListQuery } from '../../../shared/case-file/case';
import { CASE_SORTS } from '../../../shared/case-file/case';
import type { VocabularyCode } from '../../../shared/vocabularies';
import { createResettable } from '../../stores/createResettable';

export type CaseSort = (typeof CASE_SORTS)[number];
export type SortDirection = 'asc' | 'desc';

export interface CaseFilters {
  status: VocabularyCode<'caseStatus'>[];
  assignedToMe: boolean;
  riskLevel: VocabularyCode<'riskLevel'>[];
  track: VocabularyCode<'assistanceTrack'> | null;
  exploitationType: VocabularyCode<'exploitationType'> | null;
  citizenship: VocabularyCode<'country'> | null;
  followUpDue: boolean;
}

export const NO_FILTERS: CaseFilters = {
  status: [],
  assignedToMe: false,
  riskLevel: [],
  track: null,
  exploitationType: null,
  citizenship: null,
  followUpDue: false,
};

/** The direction a column sorts in when first chosen: newest and highest first, names A→Z. */
export const FIRST_DIRECTION: Record<CaseSort, SortDirection> = {
  code: 'asc',
  status: 'asc',
  openedOn: 'desc',
  updatedAt: 'desc',
  riskLevel: 'desc',
  citizenship: 'asc',
  gender: 'asc',
};

export interface ListPosition {
  /** The query the position belongs to. */
  key: string;
  scrollTop: number;
  activeIndex: number;
}

interface CaseListState {
  filters: CaseFilters;
  sort: CaseSort;
  direction: SortDirection;
  /** Where the list of one query was, so that coming back from a case returns to the same row. */
  position: ListPosition | null;
  setFilters: (patch: Partial<CaseFilters>) => void;
  clearFilters: () => void;
  sortBy: (column: CaseSort) => void;
  remember: (position: ListPosition) => void;
}

/** The case list's filters and sort order (never any case content): reset on lock. */
export const useCaseListStore = createResettable<CaseListState>((set, get) => ({
  filters: NO_FILTERS,
  sort: 'updatedAt',
  direction: 'desc',
  position: null,
  setFilters: (patch) => set({ filters: { ...get().filters, ...patch } }),
  clearFilters: () => set({ filters: NO_FILTERS }),
  sortBy: (column) => {
    const { sort, direction } = get();
    set({
      sort: column,
      direction: sort === column ? (direction === 'asc' ? 'desc' : 'asc') : FIRST_DIRECTION[column],
    });
  },
  remember: (position) => set({ position }),
}));

export function hasFilters(f: CaseFilters): boolean {
  return (
    f.status.length > 0 || f.assignedToMe || f.riskLevel.length > 0 || f.track !== null || f.exploitationType !== null || f.citizenship !== null || f.followUpDue
  );
}

/** The request for `cases.list`, without the page (offset and limit). */
export function toListQuery(filters: CaseFilters, sort: CaseSort, direction: SortDirection, accountId: string): Omit<CaseListQuery, 'offset' | 'limit'> {
  const q: Omit<CaseListQuery, 'offset' | 'limit'> = { sort, direction };
  if (filters.status.length) q.status = filters.status;
  if (filters.assignedToMe) q.assignedTo = accountId;
  if (filters.riskLevel.length) q.riskLevel = filters.riskLevel;
  if (filters.track) q.track = filters.track;
  if (filters.exploitationType) q.exploitationType = filters.exploitationType;
  if (filters.citizenship) q.citizenship = filters.citizenship;
  if (filters.followUpDue) q.followUpDue = true;
  return q;
}
