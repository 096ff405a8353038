import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../shared/languages';
import en from './en.json';
import es from './es.json';

/**
 * Each feature may keep its own strings in `features/<name>/i18n/{en,es}.json`, each file with
 * one top-level key of its own (e.g. "caseView"); they are merged into the app's translation.
 */
const featureFiles = import.meta.glob<{ default: Record<string, unknown> }>('../features/*/i18n/*.json', { eager: true });
function withFeatures(base: Record<string, unknown>, language: Language): Record<string, unknown> {
  const merged = { ...base };
  for (const [path, module] of Object.entries(featureFiles)) {
    if (path.endsWith(`/${language}.json`)) Object.assign(merged, module.default);
  }
  return merged;
}

export const resources = {
  en: { translation: withFeatures(en, 'en') },
  es: { translation: withFeatures(es, 'es') },
} as const;

/** Initialised synchronously (resources are bundled) so the first render is already translated. */
void i18n.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  react: { useSuspense: false },
});

export function currentLanguage(): Language {
  return (LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'en';
}

/** Applies a language to the page: translations, <html lang> and the title. */
export async function applyLanguage(language: Language): Promise<void> {
  if (i18n.language !== language) await i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

/** The locale numbers, dates and lists are written in for a language. */
export function localeOf(language: Language): string {
  return language === 'es' ? 'es-419' : 'en';
}

export function formatDateTime(iso: string, language: Language = currentLanguage(), style: 'long' | 'short' = 'long'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: style === 'long' ? 'long' : 'medium', timeStyle: 'short' }).format(date);
}

/** The time of day alone ("11:59 AM", "11:59 a.m."). */
export function formatTime(iso: string, language: Language = currentLanguage()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), { timeStyle: 'short' }).format(date);
}

export { i18n };
