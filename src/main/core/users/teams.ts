import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Account } from '../../../shared/schemas';
import type { StaffMember, Team } from '../../../shared/staff';
import { appendAudit } from '../audit/chain';
import type { Db } from '../db/open';
import { findById, toAccount } from './accounts';
import type { Session } from './session';

/** Teams: a supervisor and the caseworkers who report to them; and the staff directory. */
interface TeamRow {
  id: string;
  name: string;
  supervisor_id: string;
}

export function listTeams(db: Db): Team[] {
  const teams = db.prepare('SELECT id, name, supervisor_id FROM teams ORDER BY name COLLATE NOCASE, id').all() as TeamRow[];
  const members = db.prepare('SELECT id, team_id FROM accounts WHERE team_id IS NOT NULL ORDER BY display_name COLLATE NOCASE').all() as { id: string; team_id: string }[];
  return teams.map((t) => ({ id: t.id, name: t.name, supervisorId: t.supervisor_id, memberIds: members.filter((m) => m.team_id === t.id).map((m) => m.id) }));
}

export function createTeam(session: Session, input: { name: string; supervisorId: string }): Team {
  const { db } = session.vault;
  const supervisor = findById(db, input.supervisorId);
  if (!supervisor || supervisor.disabled || supervisor.role !== 'supervisor') throw new AppError('BAD_REQUEST', 'A team is led by an active supervisor account.');
  const id = randomUUID();
  const at = session.vault.location.now().toISOString();
  db.transaction(() => {
    db.prepare('INSERT INTO teams (id, name, supervisor_id, created_at) VALUES (?, ?, ?, ?)').run(id, input.name, input.supervisorId, at);
    appendAudit(db, { at, actorId: session.accountId, action: 'team.created', target: id, detail: { supervisor: input.supervisorId } });
  })();
  return listTeams(db).find((t) => t.id === id)!;
}

/** Puts a caseworker in a team (or in none). Their cases stay theirs; new ones join the new team. */
export function setTeam(session: Session, accountId: string, teamId: string | null): Account {
  const { db } = session.vault;
  const account = findById(db, accountId);
  if (!account) throw new AppError('NOT_FOUND', 'There is no such account.');
  if (account.role !== 'caseworker') throw new AppError('BAD_REQUEST', 'Only caseworkers are members of a team; supervisors lead one.');
  if (teamId && !db.prepare('SELECT 1 FROM teams WHERE id = ?').get(teamId)) throw new AppError('NOT_FOUND', 'There is no such team.');
  const at = session.vault.location.now().toISOString();
  db.transaction(() => {
    db.prepare('UPDATE accounts SET team_id = ?, updated_at = ? WHERE id = ?').run(teamId, at, accountId);
    appendAudit(db, { at, actorId: session.accountId, action: 'account.team_changed', target: accountId, detail: { team: teamId } });
  })();
  return toAccount(findById(db, accountId)!);
}

/** Names and roles of every account, for headers, pickers and the audit screen (no usernames). */
export function staffDirectory(db: Db): StaffMember[] {
  const rows = db.prepare('SELECT id, display_name, role, team_id, disabled_at FROM accounts ORDER BY display_name COLLATE NOCASE, id').all() as {
    id: string;
    display_name: string;
    role: StaffMember['role'];
    team_id: string | null;
    disabled_at: string | null;
  }[];
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, role: r.role, teamId: r.team_id, active: r.disabled_at === null }));
}
