import '../../styles/staff.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, SessionInfo } from '../../../shared/schemas';
import { describeError } from '../../api/errors';
import { formatDateTime } from '../../i18n';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { useAccountsStore } from './accountsStore';
import { AddAccountDialog } from './AddAccountDialog';
import { DisableAccountDialog } from './DisableAccountDialog';
import { ResetPassphraseDialog } from './ResetPassphraseDialog';
import { TeamCell } from './TeamCell';
import { TeamsSection } from './TeamsSection';

type Open = { kind: 'add' } | { kind: 'disable'; account: Account } | { kind: 'reset'; account: Account } | null;

export function AccountsPage({ session }: { session: SessionInfo }) {
  const { t, i18n } = useTranslation();
  const accounts = useAccountsStore((s) => s.accounts);
  const loadError = useAccountsStore((s) => s.loadError);
  const load = useAccountsStore((s) => s.load);
  const teams = useAccountsStore((s) => s.teams);
  const loadTeams = useAccountsStore((s) => s.loadTeams);
  const [open, setOpen] = useState<Open>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const language = i18n.language === 'es' ? 'es' : 'en';

  useEffect(() => {
    void load();
    void loadTeams();
  }, [load, loadTeams]);

  const sorted = [...(accounts ?? [])].sort((a, b) => Number(a.disabled) - Number(b.disabled) || a.displayName.localeCompare(b.displayName, language));

  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title" tabIndex={-1}>
          {t('accounts.title')}
        </h1>
        <Button
          variant="primary"
          onPress={() => {
            setMessage(null);
            setActionError(null);
            setOpen({ kind: 'add' });
          }}
        >
          {t('accounts.add')}
        </Button>
      </div>
      <p className="muted">{t('accounts.intro')}</p>
      {message ? <Notice tone="success">{message}</Notice> : null}
      {actionError ? <Notice tone="error">{describeError(t, actionError)}</Notice> : null}
      {loadError ? <Notice tone="error">{describeError(t, loadError)}</Notice> : null}
      {accounts ? (
        <div className="table-wrap">
          <table className="table accounts-table">
            <caption className="visually-hidden">{t('accounts.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accounts.columns.name')}</th>
                <th scope="col">{t('accounts.columns.role')}</th>
                <th scope="col">{t('teams.column')}</th>
                <th scope="col">{t('accounts.columns.status')}</th>
                <th scope="col">{t('accounts.columns.lastLogin')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('accounts.columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((account) => {
                const isSelf = account.id === session.accountId;
                return (
                  <tr key={account.id} className={account.disabled ? 'row-disabled' : undefined}>
                    <th scope="row">
                      <span className="account-name">
                        {account.displayName}
                        {isSelf ? <span className="tag tag-neutral">{t('accounts.you')}</span> : null}
                      </span>
                      <span className="account-username mono">{account.username}</span>
                    </th>
                    <td>{t(`roles.${account.role}`)}</td>
                    <td className="team-cell">
                      <TeamCell
                        account={account}
                        teams={teams ?? []}
                        onChanged={(text) => {
                          setActionError(null);
                          setMessage(text);
                        }}
                        onError={(error) => {
                          setMessage(null);
                          setActionError(error);
                        }}
                      />
                    </td>
                    <td>
                      {account.disabled ? (
                        <span className="tag tag-muted">{t('accounts.status.disabled')}</span>
                      ) : account.mustChangePassphrase ? (
                        <span className="tag tag-warning">{t('accounts.status.mustChange')}</span>
                      ) : (
                        <span className="tag tag-ok">{t('accounts.status.active')}</span>
                      )}
                    </td>
                    <td className="nowrap">{account.lastLoginAt ? formatDateTime(account.lastLoginAt, language, 'short') : t('accounts.never')}</td>
                    <td className="row-actions">
                      {account.disabled ? (
                        <Button
                          size="small"
                          variant="secondary"
                          aria-label={t('accounts.reenableFor', { name: account.displayName })}
                          onPress={() => {
                            setMessage(null);
                            setActionError(null);
                            setOpen({ kind: 'reset', account });
                          }}
                        >
                          {t('accounts.reenable')}
                        </Button>
                      ) : null}
                      {!account.disabled ? (
                        <>
                          <Button
                            size="small"
                            variant="secondary"
                            aria-label={t('accounts.resetFor', { name: account.displayName })}
                            onPress={() => {
                              setMessage(null);
                              setActionError(null);
                              setOpen({ kind: 'reset', account });
                            }}
                          >
                            {t('accounts.reset')}
                          </Button>
                          {!isSelf ? (
                            <Button
                              size="small"
                              variant="danger"
                              aria-label={t('accounts.disableFor', { name: account.displayName })}
                              onPress={() => {
                                setMessage(null);
                                setActionError(null);
                                setOpen({ kind: 'disable', account });
                              }}
                            >
                              {t('accounts.disable')}
                            </Button>
                          ) : null}
                        </>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {accounts ? <TeamsSection accounts={accounts} /> : null}
      <AddAccountDialog
        isOpen={open?.kind === 'add'}
        onClose={() => setOpen(null)}
        onCreated={(account) => {
          setOpen(null);
          setMessage(t('accounts.created', { name: account.displayName }));
        }}
      />
      <DisableAccountDialog
        account={open?.kind === 'disable' ? open.account : null}
        onClose={() => setOpen(null)}
        onDisabled={(account) => {
          setOpen(null);
          setMessage(t('accounts.disabled', { name: account.displayName }));
        }}
      />
      <ResetPassphraseDialog
        account={open?.kind === 'reset' ? open.account : null}
        isSelf={open?.kind === 'reset' && open.account.id === session.accountId}
        onClose={() => setOpen(null)}
        onReset={(account, wasDisabled) => {
          setOpen(null);
          setMessage(t(wasDisabled ? 'accounts.reenabled' : 'accounts.resetDone', { name: account.displayName }));
        }}
      />
    </div>
  );
}
