import path from 'node:path';
import { displayNameSchema, usernameSchema } from '../shared/schemas';
import { defaultDataDir } from '../main/core/app/data-dir';
import { UsageError } from './args';

/** Option values shared by the commands: each one refused with a usage error (exit 2). */
export function dataDirOf(flags: Record<string, string | undefined>): string {
  return path.resolve(flags['data-dir'] ?? defaultDataDir());
}

export function parseUsername(value: string): string {
  const parsed = usernameSchema.safeParse(value);
  if (!parsed.success) throw new UsageError('a username has 3–32 lowercase letters, digits, dots, dashes or underscores');
  return parsed.data;
}

export function parseDisplayName(value: string): string {
  const parsed = displayNameSchema.safeParse(value);
  if (!parsed.success) throw new UsageError('a display name has 1–80 characters');
  return parsed.data;
}

export function parseWholeNumber(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return Number(value);
}

/**
 * Flags that take no value (`--skip-invalid`) are taken out before `parseArgs`, whose flags all
 * take one. Returns the remaining arguments and the switches found.
 */
export function takeSwitches(argv: readonly string[], names: readonly string[]): { argv: string[]; switches: Set<string> } {
  const switches = new Set<string>();
  const rest: string[] = [];
  for (const arg of argv) {
    const name = arg.startsWith('--') ? arg.slice(2) : null;
    if (name && names.includes(name)) {
      if (switches.has(name)) throw new UsageError(`--${name} given twice`);
      switches.add(name);
    } else {
      rest.push(arg);
    }
  }
  return { argv: rest, switches };
}
