import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { VOCABULARIES, type VocabularyCode, type VocabularyId, type VocabularyLang } from '../../../shared/vocabularies';

export interface Option<K extends string = string> {
  id: K;
  label: string;
}

/** Long lists read best alphabetically in the reader's own language; short ones keep their order. */
const SORTED: ReadonlySet<VocabularyId> = new Set(['country', 'language']);

export function useLang(): VocabularyLang {
  const { i18n } = useTranslation();
  return i18n.language === 'es' ? 'es' : 'en';
}

export function vocabOptions<I extends VocabularyId>(id: I, lang: VocabularyLang, filter?: (code: string, group?: string) => boolean): Option<VocabularyCode<I>>[] {
  const vocabulary = VOCABULARIES[id];
  const items = (vocabulary.items as readonly { code: string; en: string; es: string; group?: string }[]).filter((item) => !filter || filter(item.code, item.group));
  const options = items.map((item) => ({ id: item.code as VocabularyCode<I>, label: item[lang] || item.en }));
  if (SORTED.has(id)) options.sort((a, b) => a.label.localeCompare(b.label, lang === 'es' ? 'es-419' : 'en', { sensitivity: 'base' }));
  return options;
}

/** The options of a vocabulary, labelled in the current language. */
export function useVocab<I extends VocabularyId>(id: I): Option<VocabularyCode<I>>[] {
  const lang = useLang();
  return useMemo(() => vocabOptions(id, lang), [id, lang]);
}

export function vocabLabel(id: VocabularyId, code: string | null | undefined, lang: VocabularyLang): string {
  if (!code) return '';
  return VOCABULARIES[id].label(code, lang);
}

/** Today in the computer's time zone, as an ISO calendar date. */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function formatDate(iso: string | null | undefined, lang: VocabularyLang): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-419' : 'en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatSize(bytes: number, lang: VocabularyLang): string {
  const locale = lang === 'es' ? 'es-419' : 'en';
  if (bytes < 1024) return new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(bytes);
  if (bytes < 1024 * 1024) return new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 }).format(bytes / 1024);
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1024 / 1024);
}
