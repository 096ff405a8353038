import fs from 'node:fs';
import { z } from 'zod';
import { languageSchema, type Language } from '../../../shared/languages';
import { writeFileAtomic } from '../fs/atomic-write';

/**
 * What the app must know while locked and that reveals nothing: the interface language.
 * Everything else lives inside the encrypted database.
 */
const preferencesSchema = z.object({ language: languageSchema });

export function readLanguage(file: string): Language {
  try {
    const parsed = preferencesSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data.language : 'en';
  } catch {
    return 'en';
  }
}

export function writeLanguage(file: string, language: Language): void {
  writeFileAtomic(file, JSON.stringify({ language }));
}
