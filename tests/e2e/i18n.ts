import fs from 'node:fs';
import path from 'node:path';

/**
 * The renderer's own translations, so the tests find elements by the text a person reads, in
 * either language (and so prove that every label went through i18n).
 */
export type Lang = 'en' | 'es';
export const LANGS: readonly Lang[] = ['en', 'es'];

type Tree = { [key: string]: string | Tree };

const dir = path.resolve(import.meta.dirname, '../../src/renderer/i18n');
const dictionaries: Record<Lang, Tree> = {
  en: JSON.parse(fs.readFileSync(path.join(dir, 'en.json'), 'utf8')) as Tree,
  es: JSON.parse(fs.readFileSync(path.join(dir, 'es.json'), 'utf8')) as Tree,
};

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

export const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', es: 'Español' };
