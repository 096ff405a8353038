import { settingsSchema, type Settings } from '../../../shared/schemas';
import type { Db } from '../db/open';
import { RETENTION_YEARS_DEFAULT } from '../../../shared/retention';

/** Security settings live inside the encrypted database, where nobody can loosen them unseen. */
export const DEFAULT_SETTINGS: Settings = { idleMinutes: 5, contentProtection: true, backupReminderDays: 7, retentionYears: RETENTION_YEARS_DEFAULT };

const KEY = 'security';

export function readSettings(db: Db): Settings {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return DEFAULT_SETTINGS;
  const parsed = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...JSON.parse(row.value) });
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export function writeSettings(db: Db, settings: Settings): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(settings));
}

export function readFlag(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function writeFlag(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
