import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { VOCABULARIES, type VocabularyId, type VocabularyLang } from '../../../shared/vocabularies';
import type { SelectOption } from '../../ui/Select';

/**
 * Code lists are data with translations (src/shared/vocabularies): these helpers give their
 * labels, and dates, in the language the person chose.
 */
export function useVocabLang(): VocabularyLang {
  const { i18n } = useTranslation();
  return i18n.language === 'es' ? 'es' : 'en';
}

export function vocabLabel(id: VocabularyId, code: string | null | undefined, lang: VocabularyLang): string {
  if (!code) return '';
  return VOCABULARIES[id].label(code, lang);
}

/** `label(id, code)` in the current language. */
export function useVocab() {
  const lang = useVocabLang();
  return useCallback((id: VocabularyId, code: string | null | undefined) => vocabLabel(id, code, lang), [lang]);
}

/** The items of a code list as select options, in the list's own order (or sorted by label). */
export function vocabOptions<I extends VocabularyId>(id: I, lang: VocabularyLang, sorted = false): SelectOption<string>[] {
  const options = VOCABULARIES[id].items.map((item) => ({ id: item.code as string, label: item[lang] || item.en }));
  if (sorted) options.sort((a, b) => a.label.localeCompare(b.label, lang === 'es' ? 'es-419' : 'en'));
  return options;
}

const locale = (lang: VocabularyLang) => (lang === 'es' ? 'es-419' : 'en');

// Formatters are costly to create and the list formats hundreds of dates a second: made once.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: VocabularyLang, utc: boolean): Intl.DateTimeFormat {
  const key = `${lang}:${utc}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale(lang), utc ? { dateStyle: 'medium', timeZone: 'UTC' } : { dateStyle: 'medium' });
    formatters.set(key, f);
  }
  return f;
}

/** A calendar date (YYYY-MM-DD), shown as a date without moving it across time zones. */
export function formatIsoDate(iso: string | null | undefined, lang: VocabularyLang): string {
  if (!iso) return '';
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(lang, true).format(date);
}

/** A moment (ISO date-time), shown as the local date. */
export function formatMomentDate(iso: string | null | undefined, lang: VocabularyLang): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(lang, false).format(date);
}

/** Today as YYYY-MM-DD in the local time zone. */
export function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The tag style of a case status and a risk level. */
export const STATUS_TONE: Record<string, string> = {
  open: 'tag-ok',
  'follow-up': 'tag-neutral',
  closed: 'tag-muted',
  'closed-referred': 'tag-muted',
};
export const RISK_TONE: Record<string, string> = {
  high: 'tag-danger',
  medium: 'tag-warning',
  low: 'tag-neutral',
};
