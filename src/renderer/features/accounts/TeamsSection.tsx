import '../../styles/staff.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/schemas';
import type { Team } from '../../../shared/staff';
import { describeError } from '../../api/errors';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { useAccountsStore } from './accountsStore';
import { CreateTeamDialog } from './CreateTeamDialog';

/** Teams: who leads them and who is in them; a new team for an active supervisor. */
export function TeamsSection({ accounts }: { accounts: Account[] }) {
  const { t, i18n } = useTranslation();
  const teams = useAccountsStore((s) => s.teams);
  const teamsError = useAccountsStore((s) => s.teamsError);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const language = i18n.language === 'es' ? 'es' : 'en';
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const supervisors = accounts.filter((a) => a.role === 'supervisor' && !a.disabled).sort((a, b) => a.displayName.localeCompare(b.displayName, language));
  const sorted = [...(teams ?? [])].sort((a, b) => a.name.localeCompare(b.name, language));

  const memberNames = (team: Team) =>
    team.memberIds
      .map((id) => byId.get(id))
      .filter((a): a is Account => a !== undefined)
      .map((a) => ({ id: a.id, name: a.disabled ? t('teams.disabledMember', { name: a.displayName }) : a.displayName }));

  return (
    <section className="panel teams-panel" aria-labelledby="teams-title">
      <div className="panel-header">
        <h2 id="teams-title">{t('teams.title')}</h2>
        <Button
          variant="secondary"
          isDisabled={supervisors.length === 0}
          onPress={() => {
            setCreated(null);
            setCreating(true);
          }}
        >
          {t('teams.create')}
        </Button>
      </div>
      <p className="muted">{t('teams.intro')}</p>
      {supervisors.length === 0 ? <Notice tone="info" announce={false}>{t('teams.needSupervisor')}</Notice> : null}
      {created ? <Notice tone="success">{t('teams.created', { name: created })}</Notice> : null}
      {teamsError ? <Notice tone="error">{`${t('teams.loadError')} ${describeError(t, teamsError)}`}</Notice> : null}
      {teams && sorted.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">{t('teams.empty')}</p>
          <p className="muted">{t('teams.emptyHelp')}</p>
        </div>
      ) : null}
      {sorted.length > 0 ? (
        <div className="table-wrap">
          <table className="table teams-table">
            <caption className="visually-hidden">{t('teams.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('teams.columns.name')}</th>
                <th scope="col">{t('teams.columns.supervisor')}</th>
                <th scope="col">{t('teams.columns.members')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((team) => {
                const names = memberNames(team);
                return (
                  <tr key={team.id}>
                    <th scope="row">{team.name}</th>
                    <td>{byId.get(team.supervisorId)?.displayName ?? t('teams.notApplicable')}</td>
                    <td>
                      {names.length === 0 ? (
                        <span className="muted">{t('teams.noMembers')}</span>
                      ) : (
                        <ul className="team-members">
                          {names.map((member) => (
                            <li key={member.id}>{member.name}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <CreateTeamDialog
        isOpen={creating}
        supervisors={supervisors}
        onClose={() => setCreating(false)}
        onCreated={(team) => {
          setCreating(false);
          setCreated(team.name);
        }}
      />
    </section>
  );
}
