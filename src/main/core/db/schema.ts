import type { Migration } from './migrations';
import { ROLES } from '../../../shared/roles';

/** The vault's schema, one forward-only step at a time. Never edit a released step: add one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts-audit-settings',
    up(db) {
      db.exec(`
        CREATE TABLE accounts (
          id TEXT PRIMARY KEY,
          username TEXT NOT NULL UNIQUE,
          display_name TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN (${ROLES.map((r) => `'${r}'`).join(', ')})),
          public_key BLOB NOT NULL CHECK (length(public_key) = 32),
          escrowed_secret_key BLOB NOT NULL,
          slot_id TEXT UNIQUE,
          must_change_passphrase INTEGER NOT NULL DEFAULT 0 CHECK (must_change_passphrase IN (0, 1)),
          disabled_at TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          last_login_at TEXT
        ) STRICT;

        CREATE TABLE audit_log (
          seq INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          actor_id TEXT,
          action TEXT NOT NULL,
          target TEXT,
          detail TEXT NOT NULL,
          prev_hash TEXT NOT NULL,
          hash TEXT NOT NULL
        ) STRICT;
        CREATE INDEX audit_log_target ON audit_log (target, action);

        CREATE TABLE audit_head (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          seq INTEGER NOT NULL,
          hash TEXT NOT NULL
        ) STRICT;

        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;

        CREATE TABLE vault_secrets (
          name TEXT PRIMARY KEY,
          value BLOB NOT NULL
        ) STRICT;
      `);
    },
  },
];
