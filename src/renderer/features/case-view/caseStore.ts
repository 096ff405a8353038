import type { z } from 'zod';
import type { CaseFile, CaseHeader, CaseRecord } from '../../../shared/case-file/case';
import type { attachmentMetaSchema, historyEntrySchema, timelineEntrySchema } from '../../../shared/case-file/case';
import type { ChangeStamp } from '../../../shared/case-file/common';
import type { SectionName } from '../../../shared/case-file/sections';
import { call } from '../../api/client';
import { createResettable } from '../../stores/createResettable';

export type AttachmentMeta = z.infer<typeof attachmentMetaSchema>;
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** The parts of the case view, in the order of the side navigation. */
export const TAB_IDS = [
  'identity',
  'profile',
  'experience',
  'risk',
  'consent',
  'plan',
  'services',
  'return',
  'reintegration',
  'legal',
  'clinical',
  'referrals',
  'followUps',
  'notes',
  'attachments',
  'closure',
  'timeline',
] as const;
export type TabId = (typeof TAB_IDS)[number];

/** Opening a case does not show who the person is and where: identity is one deliberate click away. */
export const FIRST_TAB: TabId = 'profile';

interface CaseState {
  caseId: string | null;
  file: CaseFile | null;
  loadError: unknown;
  tab: TabId;
  /** The form with unsaved changes, if any (at most one is on screen). */
  dirty: string | null;
  /**
   * Asks the form on screen whether it has unsaved changes right now (its state may not have
   * reached this store yet, e.g. a number typed and not yet committed when a tab is pressed).
   */
  dirtyCheck: (() => boolean) | null;
  /** A navigation held until the person decides about their unsaved changes. */
  pending: (() => void) | null;
  timeline: TimelineEntry[] | null;
  history: HistoryEntry[] | null;
  activityError: unknown;

  open: (caseId: string) => Promise<void>;
  /** Forgets the case (leaving the view): nothing of it stays in memory. */
  close: () => void;
  /** Reads the whole file again (after a refused stale write); returns it, or null on failure. */
  reload: () => Promise<CaseFile | null>;
  loadActivity: () => Promise<void>;
  setHeader: (header: CaseHeader) => void;
  setSection: (name: SectionName, entry: { data: unknown; stamp: ChangeStamp }) => void;
  setIdentity: (entry: CaseFile['identity']) => void;
  putRecord: (record: CaseRecord) => void;
  putAttachment: (attachment: AttachmentMeta) => void;
  removeAttachment: (attachmentId: string) => void;

  setDirty: (form: string | null) => void;
  setDirtyCheck: (check: (() => boolean) | null) => void;
  /** Runs `action` now, or holds it behind the "discard changes?" question while a form is dirty. */
  whenClean: (action: () => void) => boolean;
  selectTab: (tab: TabId) => void;
  discardAndContinue: () => void;
  keepEditing: () => void;
}

let generation = 0;

export const useCaseStore = createResettable<CaseState>((set, get) => ({
  caseId: null,
  file: null,
  loadError: null,
  tab: FIRST_TAB,
  dirty: null,
  dirtyCheck: null,
  pending: null,
  timeline: null,
  history: null,
  activityError: null,

  open: async (caseId) => {
    const mine = ++generation;
    set({ caseId, file: null, loadError: null, tab: FIRST_TAB, dirty: null, pending: null, timeline: null, history: null, activityError: null });
    try {
      const file = await call('cases.get', { caseId });
      if (mine === generation) set({ file });
    } catch (error) {
      if (mine === generation) set({ loadError: error });
    }
  },

  close: () => {
    generation++;
    set({ caseId: null, file: null, loadError: null, tab: FIRST_TAB, dirty: null, pending: null, timeline: null, history: null, activityError: null });
  },

  reload: async () => {
    const { caseId } = get();
    if (!caseId) return null;
    const mine = generation;
    try {
      const file = await call('cases.get', { caseId });
      if (mine !== generation) return null;
      set({ file, loadError: null });
      return file;
    } catch (error) {
      if (mine === generation) set({ loadError: error });
      return null;
    }
  },

  loadActivity: async () => {
    const { caseId } = get();
    if (!caseId) return;
    const mine = generation;
    try {
      const [timeline, history] = await Promise.all([call('cases.timeline', { caseId }), call('cases.history', { caseId })]);
      if (mine === generation) set({ timeline, history, activityError: null });
    } catch (error) {
      if (mine === generation) set({ activityError: error });
    }
  },

  setHeader: (header) => {
    const { file } = get();
    if (file) set({ file: { ...file, header } });
  },
  setSection: (name, entry) => {
    const { file } = get();
    if (file) set({ file: { ...file, sections: { ...file.sections, [name]: entry } as CaseFile['sections'] } });
  },
  setIdentity: (identity) => {
    const { file } = get();
    if (file) set({ file: { ...file, identity } });
  },
  putRecord: (record) => {
    const { file } = get();
    if (!file) return;
    const exists = file.records.some((r) => r.id === record.id);
    const records = exists ? file.records.map((r) => (r.id === record.id ? record : r)) : [...file.records, record];
    set({ file: { ...file, records } });
  },
  putAttachment: (attachment) => {
    const { file } = get();
    if (file) set({ file: { ...file, attachments: [...file.attachments.filter((a) => a.id !== attachment.id), attachment] } });
  },
  removeAttachment: (attachmentId) => {
    const { file } = get();
    if (file) set({ file: { ...file, attachments: file.attachments.filter((a) => a.id !== attachmentId) } });
  },

  setDirty: (form) => {
    if (get().dirty !== form) set({ dirty: form });
  },
  setDirtyCheck: (dirtyCheck) => set({ dirtyCheck }),
  whenClean: (action) => {
    // A field being edited commits its value when it loses focus (numbers, dates): commit it first.
    const active = document.activeElement;
    if (active instanceof HTMLElement && active.closest('form')) active.blur();
    if (!get().dirty && !get().dirtyCheck?.()) {
      action();
      return true;
    }
    set({ pending: action });
    return false;
  },
  selectTab: (tab) => {
    if (tab === get().tab) return;
    get().whenClean(() => set({ tab }));
  },
  discardAndContinue: () => {
    const action = get().pending;
    set({ pending: null, dirty: null });
    action?.();
  },
  keepEditing: () => set({ pending: null }),
}));
