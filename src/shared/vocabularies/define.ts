import { z } from 'zod';

/**
 * Code lists (vocabularies) of the case file (DESIGN.md §4): data with translations, not strings
 * scattered in components.
 *
 * Code conventions:
 * - PascalCase (and `A_…` ISIC) codes are HTCDS 2.0 value or field names, kept exactly as the
 *   standard spells them (typos included) so that an export is readable by HTCDS-aware systems;
 * - kebab-case codes are Amparo's own, for lists HTCDS does not have or values it lacks;
 * - countries are ISO 3166-1 alpha-2 (upper case), languages ISO 639-1 (lower case).
 */
export interface VocabularyItem {
  code: string;
  en: string;
  es: string;
  /** The code of the parent item in another vocabulary (serviceType: its assistanceTrack). */
  group?: string;
}

export type VocabularyLang = 'en' | 'es';

/** What `z.enum([...codes])` produces: `{ a: 'a', b: 'b' }`. */
export type EnumOf<C extends string> = { [K in C]: K };

export interface Vocabulary<C extends string = string> {
  readonly id: string;
  readonly items: readonly (VocabularyItem & { code: C })[];
  readonly codes: readonly [C, ...C[]];
  /** `z.enum(codes)`: infers the union of the literal codes. */
  readonly schema: z.ZodEnum<EnumOf<C>>;
  has(code: string): code is C;
  /** The label in `lang`; an unknown code is returned as is. */
  label(code: string, lang: VocabularyLang): string;
}

/** The union of the codes of a vocabulary: `CodeOf<typeof gender>`. */
export type CodeOf<V> = V extends Vocabulary<infer C> ? C : never;

export function defineVocabulary<const C extends string>(id: string, items: readonly (VocabularyItem & { code: C })[]): Vocabulary<C> {
  if (items.length === 0) throw new Error(`vocabulary ${id} has no items`);
  const byCode = new Map<string, VocabularyItem & { code: C }>();
  for (const item of items) {
    if (byCode.has(item.code)) throw new Error(`vocabulary ${id}: duplicate code ${item.code}`);
    byCode.set(item.code, Object.freeze({ ...item }));
  }
  const frozenItems = Object.freeze([...byCode.values()]);
  const codes = Object.freeze(frozenItems.map((item) => item.code)) as unknown as readonly [C, ...C[]];
  const schema = z.enum(codes) as unknown as z.ZodEnum<EnumOf<C>>;
  return Object.freeze({
    id,
    items: frozenItems,
    codes,
    schema,
    has(code: string): code is C {
      return byCode.has(code);
    },
    label(code: string, lang: VocabularyLang): string {
      const item = byCode.get(code);
      return item?.[lang] || item?.en || code;
    },
  });
}
