import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/schemas';
import type { Team } from '../../../shared/staff';
import { Select } from '../../ui/Select';
import { useAccountsStore } from './accountsStore';

const NO_TEAM = '__none';

interface Props {
  account: Account;
  teams: Team[];
  onChanged: (message: string) => void;
  onError: (error: unknown) => void;
}

/** The team column of the accounts table: a caseworker's team (to change), the teams a supervisor leads. */
export function TeamCell({ account, teams, onChanged, onError }: Props) {
  const { t, i18n } = useTranslation();
  const setTeam = useAccountsStore((s) => s.setTeam);
  const [busy, setBusy] = useState(false);
  const language = i18n.language === 'es' ? 'es' : 'en';

  if (account.role === 'supervisor') {
    const led = teams.filter((team) => team.supervisorId === account.id).map((team) => team.name);
    if (led.length === 0) return <span className="muted">{t('teams.leadsNone')}</span>;
    const list = new Intl.ListFormat(language === 'es' ? 'es-419' : 'en', { type: 'conjunction' }).format(led);
    return <span>{t('teams.leads', { count: led.length, teams: list })}</span>;
  }
  if (account.role !== 'caseworker') {
    return (
      <>
        <span aria-hidden="true">{t('teams.notApplicable')}</span>
        <span className="visually-hidden">{t('teams.none')}</span>
      </>
    );
  }

  const current = teams.find((team) => team.id === account.teamId);
  if (account.disabled) return <span>{current?.name ?? t('teams.none')}</span>;

  const options = [{ id: NO_TEAM, label: t('teams.none') }, ...[...teams].sort((a, b) => a.name.localeCompare(b.name, language)).map((team) => ({ id: team.id, label: team.name }))];
  return (
    <div className="team-picker">
      <Select<string>
        label={<span className="visually-hidden">{t('teams.pickerLabel', { name: account.displayName })}</span>}
        options={options}
        value={account.teamId ?? NO_TEAM}
        isDisabled={busy}
        onChange={async (next) => {
          const teamId = next === NO_TEAM ? null : next;
          if (teamId === account.teamId) return;
          setBusy(true);
          try {
            await setTeam(account.id, teamId);
            const team = teams.find((x) => x.id === teamId);
            onChanged(team ? t('teams.joined', { name: account.displayName, team: team.name }) : t('teams.left', { name: account.displayName }));
          } catch (error) {
            onError(error);
          } finally {
            setBusy(false);
          }
        }}
      />
    </div>
  );
}
