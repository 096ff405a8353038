import type { AuditChainStatus, AuditEntryView, AuditFilter } from '../../../shared/audit';
import { call } from '../../api/client';
import { createResettable } from '../../stores/createResettable';

/** Entries per page of the audit screen. */
export const AUDIT_PAGE_SIZE = 50;

interface AuditState {
  /** The filters the list shows (applied, not as being typed). */
  filters: AuditFilter;
  entries: AuditEntryView[] | null;
  more: boolean;
  loading: boolean;
  loadingOlder: boolean;
  error: unknown;
  apply: (filters: AuditFilter) => Promise<void>;
  /** The newest page again, with the same filters (e.g. after an export, which is itself an entry). */
  refresh: () => Promise<void>;
  loadOlder: () => Promise<void>;
  /** The save dialog opens in the main process; the number written, or null when cancelled. */
  exportCsv: () => Promise<number | null>;
  /** The last check of the hash chain (whole trail, not the filtered view). */
  chain: AuditChainStatus | null;
  checking: boolean;
  chainError: unknown;
  /** Walks the chain in the core: on opening the screen, and when the person asks again. */
  verify: () => Promise<void>;
}

/** Answers that arrive after a newer request was made are dropped. */
let generation = 0;
let chainGeneration = 0;

/**
 * The audit screen's state: who did what, when, to which account or case (never case content).
 * Reset on lock, as every store.
 */
export const useAuditStore = createResettable<AuditState>((set, get) => ({
  filters: {},
  entries: null,
  more: false,
  loading: false,
  loadingOlder: false,
  error: null,
  apply: async (filters) => {
    const mine = ++generation;
    set({ filters, loading: true, loadingOlder: false, error: null });
    try {
      const page = await call('audit.query', { ...filters, limit: AUDIT_PAGE_SIZE });
      if (mine === generation) set({ entries: page.entries, more: page.more, loading: false });
    } catch (error) {
      if (mine === generation) set({ error, loading: false });
    }
  },
  refresh: () => get().apply(get().filters),
  loadOlder: async () => {
    const { entries, filters, more, loadingOlder } = get();
    const last = entries?.at(-1);
    if (!last || !more || loadingOlder) return;
    const mine = generation;
    set({ loadingOlder: true, error: null });
    try {
      const page = await call('audit.query', { ...filters, beforeSeq: last.seq, limit: AUDIT_PAGE_SIZE });
      if (mine === generation) set({ entries: [...(get().entries ?? []), ...page.entries], more: page.more, loadingOlder: false });
    } catch (error) {
      if (mine === generation) set({ error, loadingOlder: false });
    }
  },
  exportCsv: async () => {
    const result = await call('audit.exportCsv', get().filters);
    return result ? result.entries : null;
  },
  chain: null,
  checking: false,
  chainError: null,
  verify: async () => {
    const mine = ++chainGeneration;
    set({ checking: true, chainError: null });
    try {
      const chain = await call('audit.verify', {});
      if (mine === chainGeneration) set({ chain, checking: false });
    } catch (chainError) {
      if (mine === chainGeneration) set({ chain: null, chainError, checking: false });
    }
  },
}));
