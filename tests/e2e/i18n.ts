import fs from 'node:fs';
import path from 'node:path';

/**
 * The renderer's own translations, so the tests find elements by the text a person reads, in
 * either language (and so prove that every label went through i18n).
 */
export type Lang = 'en' | 'es';
export const LANGS: readonly Lang[] = ['en', 'es'];

type Tree = { [key: string]: string | Tree };

const I18N_DIR = path.resolve(import.meta.dirname, '../../src/renderer/i18n');
const FEATURES_DIR = path.resolve(import.meta.dirname, '../../src/renderer/features');

/** The base file with every feature's file merged in, as the renderer does. */
function dictionary(lang: Lang): Tree {
  const merged = JSON.parse(fs.readFileSync(path.join(I18N_DIR, `${lang}.json`), 'utf8')) as Tree;
  for (const feature of fs.readdirSync(FEATURES_DIR)) {
    const file = path.join(FEATURES_DIR, feature, 'i18n', `${lang}.json`);
    if (fs.existsSync(file)) Object.assign(merged, JSON.parse(fs.readFileSync(file, 'utf8')) as Tree);
  }
  return merged;
}
const dictionaries: Record<Lang, Tree> = { en: dictionary('en'), es: dictionary('es') };

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** `t('home.failed', { count: 1 })`, with i18next's plural suffixes and {{interpolation}}. */
export function translator(lang: Lang) {
  return (key: string, values: Record<string, string | number> = {}): string => {
    let text: string | undefined;
    if (typeof values.count === 'number') {
      const category = new Intl.PluralRules(lang).select(values.count);
      text = lookup(dictionaries[lang], `${key}_${category}`) ?? lookup(dictionaries[lang], `${key}_other`);
    }
    text ??= lookup(dictionaries[lang], key);
    if (text === undefined) throw new Error(`missing translation ${lang}:${key}`);
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
  };
}

export type T = ReturnType<typeof translator>;

/** For building a RegExp from a translated text. */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', es: 'Español' };
