import type { CaseHeader } from '../../../shared/case-file/case';
import type { StaffMember, Team } from '../../../shared/staff';

/**
 * The caseworkers a supervisor may give a case to: the active caseworkers of the team the case
 * belongs to, when this supervisor leads it (the core checks both again).
 */
export function reassignCandidates(
  header: Pick<CaseHeader, 'teamId'>,
  supervisorId: string,
  directory: readonly StaffMember[],
  teams: readonly Pick<Team, 'id' | 'supervisorId'>[],
): StaffMember[] {
  const leads = teams.some((t) => t.id === header.teamId && t.supervisorId === supervisorId);
  return leads ? directory.filter((m) => m.role === 'caseworker' && m.active && m.teamId === header.teamId) : [];
}
