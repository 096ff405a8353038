import type { Db } from '../db/open';
import { isDatabaseDamage, readSetting, REQUIRED_PRAGMAS } from '../db/open';
import { checkMigrations } from '../db/migrations';
import { MIGRATIONS } from '../db/schema';
import { verifyAuditChain } from '../audit/chain';
import type { UnlockedVault } from './vault';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/**
 * Everything `verify` checks once the vault is open (the keyring's structure, parameters and MAC
 * were already checked by the unlock itself). Details name counts and settings, never content.
 */
export function verifyVault(vault: UnlockedVault): Check[] {
  const { db } = vault;
  return [
    guarded('keyring', () => keyringCheck(vault)),
    guarded('database settings', () => settingsCheck(db)),
    pagesCheck(db),
    guarded('foreign keys', () => foreignKeysCheck(db)),
    guarded('migrations', () => migrationsCheck(db)),
    guarded('audit chain', () => auditCheck(db)),
  ];
}

/** A check that cannot even read what it checks (a damaged page) fails; the others still run. */
function guarded(name: string, check: () => Check): Check {
  try {
    return check();
  } catch (error) {
    if (!isDatabaseDamage(error)) throw error;
    return { name, ok: false, detail: 'a page it needs failed its authentication (the file was changed or damaged)' };
  }
}

function keyringCheck(vault: UnlockedVault): Check {
  const k = vault.keyring;
  return {
    name: 'keyring',
    ok: true,
    detail: `format ${k.version}, ${k.slots.length} account slot(s) and a recovery slot, Argon2id parameters at or above the minimum, MAC valid`,
  };
}

function settingsCheck(db: Db): Check {
  const wrong = REQUIRED_PRAGMAS.filter((p) => readSetting(db, p.read) !== p.expect).map((p) => p.read);
  const cipherOk = readSetting(db, 'cipher') === 'sqlcipher' && String(readSetting(db, 'legacy')) === '4';
  return {
    name: 'database settings',
    ok: cipherOk && wrong.length === 0,
    detail: cipherOk && wrong.length === 0 ? 'SQLCipher 4 (AES-256, HMAC-SHA512), WAL checkpointed on every commit, synchronous=FULL, foreign keys, secure delete, temp store in memory' : `wrong: ${[...(cipherOk ? [] : ['cipher']), ...wrong].join(', ')}`,
  };
}

/** integrity_check reads every page, and each page read is authenticated by its HMAC. */
function pagesCheck(db: Db): Check {
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const ok = rows.length === 1 && rows[0]!.integrity_check === 'ok';
    const pages = db.pragma('page_count', { simple: true }) as number;
    return { name: 'database pages', ok, detail: ok ? `${pages} pages read, each authenticated; integrity check ok` : `${rows.length} integrity problem(s)` };
  } catch {
    return { name: 'database pages', ok: false, detail: 'a page failed its authentication (the file was changed or damaged)' };
  }
}

function foreignKeysCheck(db: Db): Check {
  const rows = db.pragma('foreign_key_check') as unknown[];
  return { name: 'foreign keys', ok: rows.length === 0, detail: rows.length === 0 ? 'no dangling references' : `${rows.length} dangling reference(s)` };
}

function migrationsCheck(db: Db): Check {
  const problems = checkMigrations(db, MIGRATIONS);
  return { name: 'migrations', ok: problems.length === 0, detail: problems.length === 0 ? `${MIGRATIONS.length} of ${MIGRATIONS.length} applied` : problems.join('; ') };
}

function auditCheck(db: Db): Check {
  const { entries, problems } = verifyAuditChain(db);
  return { name: 'audit chain', ok: problems.length === 0, detail: problems.length === 0 ? `${entries} entries, each linked to the one before` : problems.join('; ') };
}
