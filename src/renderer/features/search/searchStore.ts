import { createResettable } from '../../stores/createResettable';

interface SearchState {
  /** What the person typed; kept while they open a hit and come back. Reset on lock. */
  query: string;
  setQuery: (query: string) => void;
}

export const useSearchStore = createResettable<SearchState>((set) => ({
  query: '',
  setQuery: (query) => set({ query }),
}));
