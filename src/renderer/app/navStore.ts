import { createResettable } from '../stores/createResettable';

export type Page = 'home' | 'cases' | 'case' | 'intake' | 'search' | 'settings' | 'accounts' | 'audit' | 'retention' | 'statistics' | 'about';

/**
 * A guard a page with unsaved changes installs: called with the navigation it would block.
 * Return true to let it happen now; return false to hold it (and call `proceed` later, e.g.
 * after the person confirms discarding their changes).
 */
export type NavigationGuard = (proceed: () => void) => boolean;

interface NavState {
  page: Page;
  /** The case shown when page is 'case'. */
  caseId: string | null;
  guard: NavigationGuard | null;
  go: (page: Page) => void;
  openCase: (caseId: string) => void;
  setGuard: (guard: NavigationGuard | null) => void;
}

export const useNavStore = createResettable<NavState>((set, get) => {
  const navigate = (next: Pick<NavState, 'page' | 'caseId'>) => {
    const proceed = () => set({ ...next, guard: null });
    const { guard } = get();
    if (!guard || guard(proceed)) proceed();
  };
  return {
    page: 'home',
    caseId: null,
    guard: null,
    go: (page) => navigate({ page, caseId: null }),
    openCase: (caseId) => navigate({ page: 'case', caseId }),
    setGuard: (guard) => set({ guard }),
  };
});
