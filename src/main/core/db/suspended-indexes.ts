import type { Db } from './open';

/**
 * A bulk load (a seed that at least doubles the cases of a vault) builds the indexes of a table
 * after its rows instead of with each row: an index whose keys come in no order (a case's
 * opening date, citizenship, risk…) changes a page all over the index for every row, and each
 * changed page is journaled and written again at every commit; built at the end, it is one sort.
 * An index's definition goes into `suspended_indexes` in the transaction that drops it, so a load
 * that is interrupted is finished when the vault is next unlocked (vault.ts).
 */

/** Drops the indexes of `table` that no constraint needs, keeping their definitions; returns how many. */
export function suspendIndexes(db: Db, table: string): number {
  return db.transaction(() => {
    const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(table) as { name: string; sql: string }[];
    const keep = db.prepare('INSERT INTO suspended_indexes (name, sql) VALUES (?, ?)');
    for (const index of indexes) {
      keep.run(index.name, index.sql);
      db.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
    }
    return indexes.length;
  })();
}

/** Builds every suspended index again (in one transaction); returns how many. */
export function restoreSuspendedIndexes(db: Db): number {
  return db.transaction(() => {
    const indexes = db.prepare('SELECT name, sql FROM suspended_indexes ORDER BY name').all() as { name: string; sql: string }[];
    for (const index of indexes) db.exec(index.sql);
    db.prepare('DELETE FROM suspended_indexes').run();
    return indexes.length;
  })();
}
