import { useTranslation } from 'react-i18next';
import { Notice } from '../ui/Notice';

export function BootError() {
  const { t } = useTranslation();
  return (
    <main className="centered-page">
      <div className="card narrow">
        <h1 className="page-title">{t('app.name')}</h1>
        <Notice tone="error">{t('app.bootError')}</Notice>
      </div>
    </main>
  );
}
