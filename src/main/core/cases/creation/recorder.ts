import type { Db } from '../../db/open';
import type { Session } from '../../users/session';
import type { KeyHolder } from '../case-keys';
import type { Recorder } from './plan';

/** Who records new cases and what every case of theirs shares (plan.ts `Recorder`), looked up once. */
export function recorderOf(session: Session): Recorder {
  const { db } = session.vault;
  const team = teamOfRecorder(db, session.accountId);
  return {
    actorId: session.accountId,
    role: session.role,
    team: team ? { id: team.id, supervisorId: team.supervisor_id } : null,
    holders: newCaseHolders(db, session.accountId, team?.supervisor_id ?? null),
    recoveryPublicKey: session.vault.recoveryPublicKey(),
  };
}

/** The team a new case joins: the recorder's own team, or the first one a supervisor leads. */
function teamOfRecorder(db: Db, accountId: string): { id: string; supervisor_id: string } | undefined {
  return db
    .prepare(
      `SELECT t.id, t.supervisor_id FROM teams t
       WHERE t.id = (SELECT team_id FROM accounts WHERE id = ?) OR t.supervisor_id = ?
       ORDER BY (t.id = (SELECT team_id FROM accounts WHERE id = ?)) DESC, t.created_at, t.id LIMIT 1`,
    )
    .get(accountId, accountId, accountId) as { id: string; supervisor_id: string } | undefined;
}

/** A new case's key holders (case-keys.ts `keyHolders` once it is written): its recorder and their team's supervisor, if active. */
function newCaseHolders(db: Db, recorderId: string, supervisorId: string | null): KeyHolder[] {
  const rows = db.prepare('SELECT id, public_key FROM accounts WHERE disabled_at IS NULL AND id IN (?, ?) ORDER BY id').all(recorderId, supervisorId ?? recorderId) as {
    id: string;
    public_key: Buffer;
  }[];
  return rows.map((r) => ({ id: r.id, publicKey: new Uint8Array(r.public_key) }));
}
