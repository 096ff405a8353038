import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../../../shared/errors';

/**
 * At least 12 characters or 4 words; not a common password (the 49,000 most common, from
 * zxcvbn-ts), not one with digits or symbols stuck on, not a run of a few repeated characters,
 * and not containing the username. The error code tells the person which rule to fix.
 */
export const MIN_CHARACTERS = 12;
export const MIN_WORDS = 4;
export const MAX_CHARACTERS = 1024;

const COMMON = new Set<string>(dictionary['passwords-common'] as string[]);

export function countWords(passphrase: string): number {
  return passphrase.split(/[\s\-_.,;]+/u).filter((w) => (w.match(/\p{L}/gu)?.length ?? 0) >= 2).length;
}

function isCommon(passphrase: string): boolean {
  const lower = passphrase.normalize('NFC').toLowerCase().trim();
  const squeezed = lower.replace(/\s+/g, '');
  const stem = squeezed.replace(/[\d\W_]+$/u, '');
  if (COMMON.has(lower) || COMMON.has(squeezed) || (stem.length >= 4 && COMMON.has(stem))) return true;
  return new Set(squeezed).size < 5;
}

export function checkPassphrase(passphrase: string, username: string): void {
  const length = [...passphrase].length;
  if (length > MAX_CHARACTERS) {
    throw new AppError('PASSPHRASE_TOO_LONG', `A passphrase can have at most ${MAX_CHARACTERS} characters.`);
  }
  if (length < MIN_CHARACTERS && countWords(passphrase) < MIN_WORDS) {
    throw new AppError('PASSPHRASE_TOO_SHORT', `A passphrase needs at least ${MIN_CHARACTERS} characters or ${MIN_WORDS} words.`);
  }
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && passphrase.toLowerCase().includes(name)) {
    throw new AppError('PASSPHRASE_CONTAINS_USERNAME', 'A passphrase must not contain the username.');
  }
  if (isCommon(passphrase)) {
    throw new AppError('PASSPHRASE_COMMON', 'This passphrase is too common or too simple to guess; choose another.');
  }
}
