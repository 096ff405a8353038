import type { Migration } from './migrations';
import { ROLES } from '../../../shared/roles';
import { createSealer } from '../crypto/sealed-box';
import { wipe } from '../crypto/bytes';
import { newCaseKey, sealIdentity, syncWraps } from '../cases/case-keys';
import { sealPhotoAttachment } from '../cases/attachments';
import type { Db } from './open';

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
  {
    version: 4,
    name: 'need-to-know',
    up(db, context) {
      // Teams (a supervisor and their caseworkers); a case belongs to the team of whoever
      // recorded it. The identity part is sealed per case (cases/case-keys.ts): the rows written
      // before this step are sealed here, and their clear copy is dropped (secure_delete zeroes
      // the freed pages).
      db.exec(`
        CREATE TABLE teams (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          supervisor_id TEXT NOT NULL REFERENCES accounts (id),
          created_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX teams_supervisor ON teams (supervisor_id);
        ALTER TABLE accounts ADD COLUMN team_id TEXT REFERENCES teams (id);
        ALTER TABLE cases ADD COLUMN team_id TEXT REFERENCES teams (id);
        CREATE INDEX cases_team ON cases (team_id, code);

        -- One wrap of the case key per holder: an account id, or 'recovery'.
        CREATE TABLE case_keys (
          case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
          recipient TEXT NOT NULL,
          wrapped BLOB NOT NULL,
          PRIMARY KEY (case_id, recipient)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX case_keys_recipient ON case_keys (recipient, case_id);

        ALTER TABLE case_identity RENAME TO case_identity_clear;
        CREATE TABLE case_identity (
          case_id TEXT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
          sealed BLOB NOT NULL,
          version INTEGER NOT NULL,
          updated_at TEXT NOT NULL,
          updated_by TEXT NOT NULL REFERENCES accounts (id)
        ) STRICT;
        -- 1: the identity photo, sealed with the case key (bytes and file name).
        ALTER TABLE attachments ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0 CHECK (sealed IN (0, 1));
      `);
      sealExistingIdentities(db, context.recoveryPublicKey);
      db.exec('DROP TABLE case_identity_clear');
    },
  },
  {
    version: 5,
    name: 'audit-screen',
    up(db) {
      // The audit screen's filters (audit/query.ts) read newest first, by time then number: each
      // filter gets an index in that order, so a page is read from the index without sorting the
      // trail (at a million entries, a rare person or action costs under 2 ms instead of 0.5 s).
      // The case filter uses audit_log_target (step 1).
      db.exec(`
        CREATE INDEX audit_log_at ON audit_log (at);
        CREATE INDEX audit_log_actor ON audit_log (actor_id, at);
        CREATE INDEX audit_log_action ON audit_log (action, at);
      `);
    },
  },
  {
    version: 6,
    name: 'statistics',
    up(db) {
      // Anonymized statistics (statistics/): the vault's privacy budget for differentially
      // private releases, in millionths of ε so that spending adds up exactly (5 to start: five
      // releases at ε = 1; the CHECK refuses an overspend even if the code did not).
      // The indexes hold the coded facts that statistics read, one kind of part each, in case
      // order, with the expressions of statistics/extract.ts (STATS_SQL): counting 100,000 cases
      // reads these small indexes instead of every record with its notes. The `->>` form matters:
      // SQLite reads its value from the index, whereas json_extract() is computed again from
      // the row.
      db.exec(`
        CREATE TABLE stats_privacy_budget (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          total_micro INTEGER NOT NULL CHECK (total_micro >= 0),
          spent_micro INTEGER NOT NULL CHECK (spent_micro >= 0 AND spent_micro <= total_micro)
        ) STRICT;
        INSERT INTO stats_privacy_budget (id, total_micro, spent_micro) VALUES (1, 5000000, 0);
        CREATE INDEX stats_cases ON cases (id, status, opened_on);
        CREATE INDEX stats_profile ON case_sections (case_id, data ->> '$.identifiedOn', data ->> '$.gender', data ->> '$.ageAtIdentification', data ->> '$.citizenship', data ->> '$.traffickingStatus') WHERE section = 'profile';
        CREATE INDEX stats_experience ON case_sections (case_id, data ->> '$.countriesOfExploitation', data ->> '$.exploitationTypes', data ->> '$.methodsOfControl', data ->> '$.forcedLabourIndustries') WHERE section = 'experience';
        CREATE INDEX stats_return ON case_sections (case_id, data ->> '$.returnedOn') WHERE section = 'return';
        CREATE INDEX stats_closure ON case_sections (case_id, data ->> '$.reason') WHERE section = 'closure';
        CREATE INDEX stats_consent ON case_records (data ->> '$.purpose', case_id, data ->> '$.givenOn', data ->> '$.withdrawnOn') WHERE kind = 'consent';
        CREATE INDEX stats_service ON case_records (case_id, data ->> '$.status', data ->> '$.serviceType') WHERE kind = 'service';
        CREATE INDEX stats_referral ON case_records (data ->> '$.direction', case_id, data ->> '$.status') WHERE kind = 'referral';
      `);
    },
  },
  {
    version: 7,
    name: 'partner-organisations',
    up(db) {
      // Referral packages (referrals/): the organisations whose public keys an administrator
      // imported after comparing the fingerprint by phone. Our own key pair is in vault_secrets.
      db.exec(`
        CREATE TABLE partner_organisations (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          encryption_key BLOB NOT NULL CHECK (length(encryption_key) = 32),
          signing_key BLOB NOT NULL UNIQUE CHECK (length(signing_key) = 32),
          fingerprint TEXT NOT NULL UNIQUE,
          added_at TEXT NOT NULL,
          added_by TEXT REFERENCES accounts (id)
        ) STRICT;
      `);
    },
  },
  {
    version: 8,
    name: 'statistics-facts',
    up(db) {
      // Anonymized statistics (statistics/): counting 100,000 cases must not decrypt every section
      // and record with its notes. Step 6's indexes did not avoid it for sections (a WITHOUT
      // ROWID table is read even through a covering index), so the coded facts statistics use
      // are kept instead, by triggers, in one small row per case. Each column holds its part's
      // values joined by U+001F ('' for a missing one; lists such as citizenship as the text of
      // their JSON array), several records joined by U+001E. Only codes and dates: never free
      // text, names or ids (besides the key). json_valid comes first: a malformed part must
      // never make a save fail. statistics/extract.ts reads this table and applies the rules
      // (which consents, services and referrals count). `joined` is below the steps.
      // Per section (by name) and record (by kind): its column and the fields it keeps.
      const SECTION_FACTS: Record<string, [string, string[]]> = {
        profile: ['profile', ['identifiedOn', 'gender', 'ageAtIdentification', 'citizenship', 'traffickingStatus']],
        experience: ['experience', ['countriesOfExploitation', 'exploitationTypes', 'methodsOfControl', 'forcedLabourIndustries']],
        return: ['returned_on', ['returnedOn']],
        closure: ['closure', ['reason']],
      };
      const RECORD_FACTS: Record<string, [string, string[]]> = {
        consent: ['consents', ['purpose', 'givenOn', 'withdrawnOn']],
        service: ['services', ['status', 'serviceType']],
        referral: ['referrals', ['direction', 'status']],
      };
      const sectionOf = (id: string, name: string) => `(SELECT ${joined('', SECTION_FACTS[name]![1])} FROM case_sections WHERE case_id = ${id} AND section = '${name}')`;
      const recordsOf = (id: string, kind: string) =>
        `(SELECT group_concat(${joined('', RECORD_FACTS[kind]![1])}, char(30)) FROM case_records WHERE case_id = ${id} AND kind = '${kind}')`;
      const column = (name: string) => (SECTION_FACTS[name] ?? RECORD_FACTS[name])![0];
      const sectionNames = Object.keys(SECTION_FACTS);
      const kinds = Object.keys(RECORD_FACTS);
      const list = (names: string[]) => `(${names.map((n) => `'${n}'`).join(', ')})`;
      db.exec(`
        -- Step 6's indexes: a WITHOUT ROWID section is still read through them, and the facts table supersedes them all.
        DROP INDEX IF EXISTS stats_cases;
        DROP INDEX IF EXISTS stats_profile;
        DROP INDEX IF EXISTS stats_experience;
        DROP INDEX IF EXISTS stats_return;
        DROP INDEX IF EXISTS stats_closure;
        DROP INDEX IF EXISTS stats_consent;
        DROP INDEX IF EXISTS stats_service;
        DROP INDEX IF EXISTS stats_referral;

        CREATE TABLE stats_facts (
          case_id TEXT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
          status TEXT NOT NULL,
          opened_on TEXT NOT NULL,
          ${[...sectionNames, ...kinds].map((n) => `${column(n)} TEXT`).join(',\n          ')}
        ) STRICT, WITHOUT ROWID;
        INSERT INTO stats_facts (case_id, status, opened_on, ${[...sectionNames, ...kinds].map(column).join(', ')})
          SELECT id, status, opened_on, ${[...sectionNames.map((n) => sectionOf('c.id', n)), ...kinds.map((k) => recordsOf('c.id', k))].join(', ')} FROM cases c;

        CREATE TRIGGER stats_facts_case_insert AFTER INSERT ON cases
        BEGIN
          INSERT INTO stats_facts (case_id, status, opened_on) VALUES (new.id, new.status, new.opened_on);
        END;
        CREATE TRIGGER stats_facts_case_update AFTER UPDATE OF status, opened_on ON cases
        BEGIN
          UPDATE stats_facts SET status = new.status, opened_on = new.opened_on WHERE case_id = new.id;
        END;
        ${sectionNames
          .map(
            (n) => `
        CREATE TRIGGER stats_facts_${n}_insert AFTER INSERT ON case_sections WHEN new.section = '${n}'
        BEGIN
          UPDATE stats_facts SET ${column(n)} = ${joined('new.', SECTION_FACTS[n]![1])} WHERE case_id = new.case_id;
        END;
        CREATE TRIGGER stats_facts_${n}_update AFTER UPDATE OF data ON case_sections WHEN new.section = '${n}'
        BEGIN
          UPDATE stats_facts SET ${column(n)} = ${joined('new.', SECTION_FACTS[n]![1])} WHERE case_id = new.case_id;
        END;
        CREATE TRIGGER stats_facts_${n}_delete AFTER DELETE ON case_sections WHEN old.section = '${n}'
        BEGIN
          UPDATE stats_facts SET ${column(n)} = NULL WHERE case_id = old.case_id;
        END;`,
          )
          .join('')}
        ${['INSERT', 'UPDATE OF data', 'DELETE']
          .map((event) => {
            const row = event === 'DELETE' ? 'old' : 'new';
            return `
        CREATE TRIGGER stats_facts_records_${event.split(' ')[0]!.toLowerCase()} AFTER ${event} ON case_records WHEN ${row}.kind IN ${list(kinds)}
        BEGIN
          UPDATE stats_facts SET ${kinds.map((k) => `${column(k)} = ${recordsOf(`${row}.case_id`, k)}`).join(', ')} WHERE case_id = ${row}.case_id;
        END;`;
          })
          .join('')}
      `);
    },
  },
  {
    version: 9,
    name: 'case-list-scale',
    up(db) {
      // At 100,000 cases (bench/results.md). Two more list columns of a case, kept by the
      // repository with its follow-ups and services (cases/repository.ts): the earliest open
      // follow-up (the "follow-up due" filter and the list's column, no longer a subquery per
      // row) and the assistance tracks of its services (`,legal,shelter,`: the track filter, no
      // longer a set of case ids read from every service). A supervisor sees the cases of the
      // teams they lead (cases/access.ts): each index a list is read in ends with team_id, so
      // that a page, a page far down and the counts by status are read from the index alone.
      db.exec(`
        ALTER TABLE cases ADD COLUMN next_follow_up_on TEXT;
        ALTER TABLE cases ADD COLUMN tracks TEXT;
        UPDATE cases SET
          next_follow_up_on = (SELECT min(r.due_on) FROM case_records r WHERE r.case_id = cases.id AND r.kind = 'followUp' AND r.done_on IS NULL),
          tracks = (SELECT ',' || group_concat(t.track, ',' ORDER BY t.track) || ','
                    FROM (SELECT DISTINCT r.track FROM case_records r WHERE r.case_id = cases.id AND r.kind = 'service') t);

        DROP INDEX cases_status;
        CREATE INDEX cases_status ON cases (status, updated_at, team_id);
        DROP INDEX cases_updated;
        CREATE INDEX cases_updated ON cases (updated_at, code, team_id);
        DROP INDEX cases_opened;
        CREATE INDEX cases_opened ON cases (opened_on, code, team_id);
        DROP INDEX cases_citizenship;
        CREATE INDEX cases_citizenship ON cases (citizenship, code, team_id);
        DROP INDEX cases_gender;
        CREATE INDEX cases_gender ON cases (gender, code, team_id);
        DROP INDEX cases_risk_rank;
        CREATE INDEX cases_risk_rank ON cases ((CASE risk_level WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END), code, team_id);
        DROP INDEX cases_exploitation;
        CREATE INDEX cases_exploitation ON cases (exploitation_type, status, team_id);
        CREATE INDEX cases_code_team ON cases (code, team_id);
        CREATE INDEX cases_follow_up ON cases (next_follow_up_on, team_id, tracks, status);
        -- The track filter reads the tracks column now (the home screen still reads case_records_due).
        DROP INDEX case_records_track;
      `);
    },
  },
  {
    version: 10,
    name: 'case-counts',
    up(db) {
      // The case list's counts by status, unfiltered (what the list shows first), without
      // reading every case a person sees: kept per team and per assigned account by triggers, in
      // the transaction of every change to a case's status, team or assignments (whoever makes
      // it: the services, a reassignment, a deletion, a later step). cases/queries.ts reads them.
      // A case being deleted is taken off its assignees' counts before the deletion cascades.
      db.exec(`
        CREATE TABLE team_case_counts (
          team_id TEXT NOT NULL,
          status TEXT NOT NULL,
          n INTEGER NOT NULL,
          PRIMARY KEY (team_id, status)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE assignee_case_counts (
          account_id TEXT NOT NULL,
          status TEXT NOT NULL,
          n INTEGER NOT NULL,
          PRIMARY KEY (account_id, status)
        ) STRICT, WITHOUT ROWID;
        INSERT INTO team_case_counts (team_id, status, n) SELECT team_id, status, count(*) FROM cases WHERE team_id IS NOT NULL GROUP BY team_id, status;
        INSERT INTO assignee_case_counts (account_id, status, n)
          SELECT a.account_id, c.status, count(*) FROM case_assignments a JOIN cases c ON c.id = a.case_id GROUP BY a.account_id, c.status;

        CREATE TRIGGER case_counts_case_insert AFTER INSERT ON cases WHEN new.team_id IS NOT NULL
        BEGIN
          INSERT INTO team_case_counts (team_id, status, n) VALUES (new.team_id, new.status, 1)
            ON CONFLICT (team_id, status) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER case_counts_case_update AFTER UPDATE OF status, team_id ON cases
          WHEN old.status IS NOT new.status OR old.team_id IS NOT new.team_id
        BEGIN
          UPDATE team_case_counts SET n = n - 1 WHERE team_id = old.team_id AND status = old.status;
          INSERT INTO team_case_counts (team_id, status, n) SELECT new.team_id, new.status, 1 WHERE new.team_id IS NOT NULL
            ON CONFLICT (team_id, status) DO UPDATE SET n = n + 1;
          UPDATE assignee_case_counts SET n = n - 1
            WHERE status = old.status AND old.status IS NOT new.status AND account_id IN (SELECT account_id FROM case_assignments WHERE case_id = new.id);
          INSERT INTO assignee_case_counts (account_id, status, n)
            SELECT account_id, new.status, 1 FROM case_assignments WHERE case_id = new.id AND old.status IS NOT new.status
            ON CONFLICT (account_id, status) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER case_counts_case_delete BEFORE DELETE ON cases
        BEGIN
          UPDATE team_case_counts SET n = n - 1 WHERE team_id = old.team_id AND status = old.status;
          UPDATE assignee_case_counts SET n = n - 1
            WHERE status = old.status AND account_id IN (SELECT account_id FROM case_assignments WHERE case_id = old.id);
        END;
        CREATE TRIGGER case_counts_assignment_insert AFTER INSERT ON case_assignments
        BEGIN
          INSERT INTO assignee_case_counts (account_id, status, n) SELECT new.account_id, status, 1 FROM cases WHERE id = new.case_id
            ON CONFLICT (account_id, status) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER case_counts_assignment_delete AFTER DELETE ON case_assignments
        BEGIN
          UPDATE assignee_case_counts SET n = n - 1
            WHERE account_id = old.account_id AND status = (SELECT status FROM cases WHERE id = old.case_id);
        END;
      `);
    },
  },
  {
    version: 11,
    name: 'referral-organisation-type',
    up(db) {
      // Referrals out by organisation type (statistics/): a referral record now keeps the HTCDS
      // org_Type of the receiving organisation, and stats_facts (step 8) keeps it with the
      // direction and status of each referral. Step 8's record triggers are replaced by the same
      // ones with that third field, and every case's referrals column is computed again.
      const kinds = Object.keys(RECORD_FACTS);
      db.exec(`
        DROP TRIGGER stats_facts_records_insert;
        DROP TRIGGER stats_facts_records_update;
        DROP TRIGGER stats_facts_records_delete;
        UPDATE stats_facts SET referrals = ${recordsOf('stats_facts.case_id', 'referral')};
        ${['INSERT', 'UPDATE OF data', 'DELETE']
          .map((event) => {
            const row = event === 'DELETE' ? 'old' : 'new';
            return `
        CREATE TRIGGER stats_facts_records_${event.split(' ')[0]!.toLowerCase()} AFTER ${event} ON case_records WHEN ${row}.kind IN (${kinds.map((k) => `'${k}'`).join(', ')})
        BEGIN
          UPDATE stats_facts SET ${kinds.map((k) => `${RECORD_FACTS[k]![0]} = ${recordsOf(`${row}.case_id`, k)}`).join(', ')} WHERE case_id = ${row}.case_id;
        END;`;
          })
          .join('')}
      `);
    },
  },
  {
    version: 12,
    name: 'assignees-in-list-indexes',
    up(db) {
      // A caseworker sees the cases assigned to them (cases/access.ts). With a very large caseload
      // that set could not be where a list starts, and building it (a case id looked up for each
      // assignment) took 90 ms at 100,000 cases (bench/results.md, `@caseworker-all`). Now each
      // case keeps who is assigned to it as a list column, `,3,12,` (the accounts' numbers: short,
      // and never reused, as accounts are disabled, never deleted), appended to every index a list is read in after team_id: whoever reads a
      // list, the test of who may see a row is made on the index entry, as a supervisor's is.
      // Accounts are numbered in the order they were made; triggers number new ones and keep the
      // column with the assignments.
      const listOf = (caseId: string) =>
        `(SELECT ',' || group_concat(n, ',') || ',' FROM (SELECT ac.number AS n FROM case_assignments x JOIN accounts ac ON ac.id = x.account_id WHERE x.case_id = ${caseId} ORDER BY ac.number))`;
      db.exec(`
        ALTER TABLE accounts ADD COLUMN number INTEGER;
        UPDATE accounts SET number = (SELECT count(*) FROM accounts a WHERE a.created_at < accounts.created_at OR (a.created_at = accounts.created_at AND a.id <= accounts.id));
        CREATE UNIQUE INDEX accounts_number ON accounts (number);
        CREATE TRIGGER accounts_number_insert AFTER INSERT ON accounts WHEN new.number IS NULL
        BEGIN
          UPDATE accounts SET number = (SELECT ifnull(max(number), 0) + 1 FROM accounts) WHERE id = new.id;
        END;

        ALTER TABLE cases ADD COLUMN assignees TEXT;
        UPDATE cases SET assignees = ${listOf('cases.id')};
        CREATE TRIGGER case_assignees_insert AFTER INSERT ON case_assignments
        BEGIN
          UPDATE cases SET assignees = v.list FROM (SELECT ${listOf('new.case_id')} AS list) v WHERE cases.id = new.case_id AND cases.assignees IS NOT v.list;
        END;
        CREATE TRIGGER case_assignees_delete AFTER DELETE ON case_assignments
        BEGIN
          UPDATE cases SET assignees = v.list FROM (SELECT ${listOf('old.case_id')} AS list) v WHERE cases.id = old.case_id AND cases.assignees IS NOT v.list;
        END;

        DROP INDEX cases_status;
        CREATE INDEX cases_status ON cases (status, updated_at, team_id, assignees);
        DROP INDEX cases_updated;
        CREATE INDEX cases_updated ON cases (updated_at, code, team_id, assignees);
        DROP INDEX cases_opened;
        CREATE INDEX cases_opened ON cases (opened_on, code, team_id, assignees);
        DROP INDEX cases_citizenship;
        CREATE INDEX cases_citizenship ON cases (citizenship, code, team_id, assignees);
        DROP INDEX cases_gender;
        CREATE INDEX cases_gender ON cases (gender, code, team_id, assignees);
        DROP INDEX cases_risk_rank;
        CREATE INDEX cases_risk_rank ON cases ((CASE risk_level WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END), code, team_id, assignees);
        DROP INDEX cases_exploitation;
        CREATE INDEX cases_exploitation ON cases (exploitation_type, status, team_id, assignees);
        DROP INDEX cases_code_team;
        CREATE INDEX cases_code_team ON cases (code, team_id, assignees);
        DROP INDEX cases_follow_up;
        CREATE INDEX cases_follow_up ON cases (next_follow_up_on, team_id, tracks, status, assignees);
      `);
    },
  },
  {
    version: 13,
    name: 'assignee-counts-by-team',
    up(db) {
      // Step 10's counts per assigned account, kept per team of the case too ('' for a case of no
      // team): a supervisor's list of one caseworker ("assigned to") shows its counts by status
      // from the teams they lead, instead of counting the caseworker's cases (14 ms for 99,700 of
      // them at 100,000 cases, bench/results.md). The triggers of step 10 that keep these counts
      // are replaced by the same ones with the team.
      db.exec(`
        DROP TRIGGER case_counts_case_update;
        DROP TRIGGER case_counts_case_delete;
        DROP TRIGGER case_counts_assignment_insert;
        DROP TRIGGER case_counts_assignment_delete;
        DROP TABLE assignee_case_counts;
        CREATE TABLE assignee_case_counts (
          account_id TEXT NOT NULL,
          team_id TEXT NOT NULL,
          status TEXT NOT NULL,
          n INTEGER NOT NULL,
          PRIMARY KEY (account_id, team_id, status)
        ) STRICT, WITHOUT ROWID;
        INSERT INTO assignee_case_counts (account_id, team_id, status, n)
          SELECT a.account_id, ifnull(c.team_id, ''), c.status, count(*) FROM case_assignments a JOIN cases c ON c.id = a.case_id GROUP BY 1, 2, 3;

        CREATE TRIGGER case_counts_case_update AFTER UPDATE OF status, team_id ON cases
          WHEN old.status IS NOT new.status OR old.team_id IS NOT new.team_id
        BEGIN
          UPDATE team_case_counts SET n = n - 1 WHERE team_id = old.team_id AND status = old.status;
          INSERT INTO team_case_counts (team_id, status, n) SELECT new.team_id, new.status, 1 WHERE new.team_id IS NOT NULL
            ON CONFLICT (team_id, status) DO UPDATE SET n = n + 1;
          UPDATE assignee_case_counts SET n = n - 1
            WHERE team_id = ifnull(old.team_id, '') AND status = old.status AND account_id IN (SELECT account_id FROM case_assignments WHERE case_id = new.id);
          INSERT INTO assignee_case_counts (account_id, team_id, status, n)
            SELECT account_id, ifnull(new.team_id, ''), new.status, 1 FROM case_assignments WHERE case_id = new.id
            ON CONFLICT (account_id, team_id, status) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER case_counts_case_delete BEFORE DELETE ON cases
        BEGIN
          UPDATE team_case_counts SET n = n - 1 WHERE team_id = old.team_id AND status = old.status;
          UPDATE assignee_case_counts SET n = n - 1
            WHERE team_id = ifnull(old.team_id, '') AND status = old.status AND account_id IN (SELECT account_id FROM case_assignments WHERE case_id = old.id);
        END;
        CREATE TRIGGER case_counts_assignment_insert AFTER INSERT ON case_assignments
        BEGIN
          INSERT INTO assignee_case_counts (account_id, team_id, status, n) SELECT new.account_id, ifnull(team_id, ''), status, 1 FROM cases WHERE id = new.case_id
            ON CONFLICT (account_id, team_id, status) DO UPDATE SET n = n + 1;
        END;
        -- After a case's own deletion (its assignments cascading) the case is gone: nothing to count down twice.
        CREATE TRIGGER case_counts_assignment_delete AFTER DELETE ON case_assignments
        BEGIN
          UPDATE assignee_case_counts SET n = n - 1
            WHERE account_id = old.account_id AND (team_id, status) = (SELECT ifnull(team_id, ''), status FROM cases WHERE id = old.case_id);
        END;
      `);
    },
  },
  {
    version: 14,
    name: 'record-facts-appended',
    up(db) {
      // Step 11's record triggers computed all three columns again, over every record of the
      // case, on each consent, service or referral added: a case written with twenty records
      // (a seed, an import) cost about 0.16 ms in them. Now a trigger per kind: an added record's
      // facts are appended to its kind's column (the order group_concat reads them in: by rowid),
      // and a change or a deletion computes that kind's column again.
      db.exec(`
        DROP TRIGGER stats_facts_records_insert;
        DROP TRIGGER stats_facts_records_update;
        DROP TRIGGER stats_facts_records_delete;
        ${Object.entries(RECORD_FACTS)
          .map(
            ([kind, [column, paths]]) => `
        CREATE TRIGGER stats_facts_${kind}_insert AFTER INSERT ON case_records WHEN new.kind = '${kind}'
        BEGIN
          UPDATE stats_facts SET ${column} = CASE WHEN ${column} IS NULL THEN ${joined('new.', paths)} ELSE ${column} || char(30) || ${joined('new.', paths)} END
            WHERE case_id = new.case_id;
        END;
        CREATE TRIGGER stats_facts_${kind}_update AFTER UPDATE OF data ON case_records WHEN new.kind = '${kind}'
        BEGIN
          UPDATE stats_facts SET ${column} = ${recordsOf('new.case_id', kind)} WHERE case_id = new.case_id;
        END;
        CREATE TRIGGER stats_facts_${kind}_delete AFTER DELETE ON case_records WHEN old.kind = '${kind}'
        BEGIN
          UPDATE stats_facts SET ${column} = ${recordsOf('old.case_id', kind)} WHERE case_id = old.case_id;
        END;`,
          )
          .join('')}
      `);
    },
  },
  {
    version: 15,
    name: 'suspended-indexes',
    up(db) {
      // Where a bulk load keeps the definitions of the indexes it builds after the rows (db/suspended-indexes.ts).
      db.exec('CREATE TABLE suspended_indexes (name TEXT PRIMARY KEY, sql TEXT NOT NULL) STRICT');
    },
  },
];

// The facts statistics/ keeps of a case (stats_facts, steps 8, 11 and 14): a part's fields joined
// by char(31) (`joined`), several records by char(30); per record kind, its column and fields
// since step 11 (step 8 kept fewer of a referral's).
const US = 'char(31)';
const fact = (row: string, path: string) => `ifnull(${row}data ->> '$.${path}', '')`;
const joined = (row: string, paths: string[]) => `CASE WHEN json_valid(${row}data) THEN concat_ws(${US}, ${paths.map((p) => fact(row, p)).join(', ')}) ELSE '' END`;
const RECORD_FACTS: Record<string, [string, string[]]> = {
  consent: ['consents', ['purpose', 'givenOn', 'withdrawnOn']],
  service: ['services', ['status', 'serviceType']],
  referral: ['referrals', ['direction', 'status', 'organisationType']],
};
const recordsOf = (id: string, kind: string) => `(SELECT group_concat(${joined('', RECORD_FACTS[kind]![1])}, char(30)) FROM case_records WHERE case_id = ${id} AND kind = '${kind}')`;

/** Step 4's data part: a case key for every case that has an identity, wrapped to its holders. */
function sealExistingIdentities(db: Db, recoveryPublicKey: Uint8Array): void {
  const rows = db.prepare('SELECT case_id, data, version, updated_at, updated_by FROM case_identity_clear').all() as {
    case_id: string;
    data: string;
    version: number;
    updated_at: string;
    updated_by: string;
  }[];
  const insert = db.prepare('INSERT INTO case_identity (case_id, sealed, version, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)');
  const sealer = createSealer();
  try {
    for (const r of rows) {
      const caseKey = newCaseKey();
      const identity = JSON.parse(r.data) as { photoAttachmentId?: string | null };
      insert.run(r.case_id, sealIdentity(caseKey, r.case_id, identity), r.version, r.updated_at, r.updated_by);
      if (identity.photoAttachmentId) sealPhotoAttachment(db, caseKey, r.case_id, identity.photoAttachmentId);
      syncWraps(db, r.case_id, caseKey, recoveryPublicKey, sealer);
      wipe(caseKey);
    }
  } finally {
    sealer.dispose();
  }
}
