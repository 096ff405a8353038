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
  {
    version: 2,
    name: 'case-file',
    up(db) {
      db.exec(`
        CREATE TABLE case_counters (
          year INTEGER PRIMARY KEY,
          last INTEGER NOT NULL
        ) STRICT;

        -- The case and, denormalised for lists and filters, a few coded facts kept by the repository.
        CREATE TABLE cases (
          id TEXT PRIMARY KEY,
          code TEXT NOT NULL UNIQUE,
          status TEXT NOT NULL,
          office TEXT NOT NULL DEFAULT '',
          supervisor_id TEXT REFERENCES accounts (id),
          opened_on TEXT NOT NULL,
          closed_on TEXT,
          version INTEGER NOT NULL,
          created_at TEXT NOT NULL,
          created_by TEXT NOT NULL REFERENCES accounts (id),
          updated_at TEXT NOT NULL,
          updated_by TEXT NOT NULL REFERENCES accounts (id),
          gender TEXT,
          citizenship TEXT,
          exploitation_type TEXT,
          risk_level TEXT,
          risk_assessed_on TEXT
        ) STRICT;
        CREATE INDEX cases_status ON cases (status, updated_at);
        CREATE INDEX cases_updated ON cases (updated_at);
        CREATE INDEX cases_opened ON cases (opened_on);
        CREATE INDEX cases_risk ON cases (risk_level, risk_assessed_on);
        CREATE INDEX cases_citizenship ON cases (citizenship);
        CREATE INDEX cases_exploitation ON cases (exploitation_type);

        CREATE TABLE case_assignments (
          case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
          account_id TEXT NOT NULL REFERENCES accounts (id),
          PRIMARY KEY (case_id, account_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX case_assignments_account ON case_assignments (account_id, case_id);

        CREATE TABLE case_sections (
          case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
          section TEXT NOT NULL,
          data TEXT NOT NULL,
          version INTEGER NOT NULL,
          updated_at TEXT NOT NULL,
          updated_by TEXT NOT NULL REFERENCES accounts (id),
          PRIMARY KEY (case_id, section)
        ) STRICT, WITHOUT ROWID;

        -- Identity and whereabouts, apart from everything else (sealed per case in a later step).
        CREATE TABLE case_identity (
          case_id TEXT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
          data TEXT NOT NULL,
          version INTEGER NOT NULL,
          updated_at TEXT NOT NULL,
          updated_by TEXT NOT NULL REFERENCES accounts (id)
        ) STRICT;

        CREATE TABLE case_records (
          id TEXT PRIMARY KEY,
          case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
          kind TEXT NOT NULL,
          data TEXT NOT NULL,
          version INTEGER NOT NULL,
          created_at TEXT NOT NULL,
          created_by TEXT NOT NULL REFERENCES accounts (id),
          updated_at TEXT NOT NULL,
          updated_by TEXT NOT NULL REFERENCES accounts (id),
          track TEXT,
          due_on TEXT,
          done_on TEXT
        ) STRICT;
        CREATE INDEX case_records_case ON case_records (case_id, kind);
        CREATE INDEX case_records_due ON case_records (due_on, case_id) WHERE kind = 'followUp' AND done_on IS NULL;
        CREATE INDEX case_records_track ON case_records (track, case_id) WHERE kind = 'service';

        CREATE TABLE case_history (
          seq INTEGER PRIMARY KEY,
          case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
          at TEXT NOT NULL,
          actor_id TEXT REFERENCES accounts (id),
          part TEXT NOT NULL,
          record_id TEXT,
          field TEXT NOT NULL,
          old_value TEXT,
          new_value TEXT
        ) STRICT;
        CREATE INDEX case_history_case ON case_history (case_id, seq);

        CREATE TABLE attachments (
          id TEXT PRIMARY KEY,
          case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
          name TEXT NOT NULL,
          mime TEXT NOT NULL,
          size INTEGER NOT NULL,
          sha256 TEXT NOT NULL,
          data BLOB NOT NULL,
          added_at TEXT NOT NULL,
          added_by TEXT NOT NULL REFERENCES accounts (id)
        ) STRICT;
        CREATE INDEX attachments_case ON attachments (case_id);

        -- Full-text search inside the encrypted database: case codes and free text, never identity.
        -- One document per case part; its rowid in case_search is search_docs.id.
        CREATE TABLE search_docs (
          id INTEGER PRIMARY KEY,
          case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
          part TEXT NOT NULL,
          record_id TEXT NOT NULL DEFAULT '',
          UNIQUE (case_id, part, record_id)
        ) STRICT;
        CREATE VIRTUAL TABLE case_search USING fts5 (
          body,
          tokenize = 'unicode61 remove_diacritics 2',
          prefix = '2 3'
        );
      `);
    },
  },
  {
    version: 3,
    name: 'case-list-order',
    up(db) {
      // At 100,000 cases (bench/results.md): each sort of the case list gets an index that ends
      // with its tie-breaker, the code, so a page (also one far down the list) is read in index
      // order instead of sorting every visible case; the risk sort indexes its own expression
      // (the same text as queries.ts). The exploitation filter's index also holds the status, so
      // the counts by status are read from it alone.
      db.exec(`
        DROP INDEX cases_updated;
        CREATE INDEX cases_updated ON cases (updated_at, code);
        DROP INDEX cases_opened;
        CREATE INDEX cases_opened ON cases (opened_on, code);
        DROP INDEX cases_citizenship;
        CREATE INDEX cases_citizenship ON cases (citizenship, code);
        CREATE INDEX cases_gender ON cases (gender, code);
        CREATE INDEX cases_risk_rank ON cases ((CASE risk_level WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END), code);
        DROP INDEX cases_exploitation;
        CREATE INDEX cases_exploitation ON cases (exploitation_type, status);
        -- With done_on in it, the "follow-up due" filter reads this index alone, not the records.
        DROP INDEX case_records_due;
        CREATE INDEX case_records_due ON case_records (due_on, case_id, done_on) WHERE kind = 'followUp' AND done_on IS NULL;
      `);
    },
  },
];
