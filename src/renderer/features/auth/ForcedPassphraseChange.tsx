import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../shared/schemas';
import { useAppStore } from '../../app/appStore';
import { TopBar } from '../../ui/TopBar';
import { ChangePassphraseForm } from './ChangePassphraseForm';

/** A temporary passphrase must be replaced before anything else (only lock and status work meanwhile). */
export function ForcedPassphraseChange({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const refresh = useAppStore((s) => s.refresh);
  return (
    <div className="standalone">
      <TopBar showLock />
      <main className="centered-page" id="main">
        <section className="card" aria-labelledby="forced-title">
          <h1 id="forced-title" className="page-title">
            {t('auth.forced.title')}
          </h1>
          <p className="lead">{t('auth.forced.greeting', { name: session.displayName })}</p>
          <p>{t('auth.forced.intro')}</p>
          <ChangePassphraseForm
            currentLabel={t('auth.forced.current')}
            submitLabel={t('auth.forced.submit')}
            onChanged={async () => {
              await refresh();
            }}
            autoFocus
          />
        </section>
      </main>
    </div>
  );
}
