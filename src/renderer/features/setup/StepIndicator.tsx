import { useTranslation } from 'react-i18next';

export function StepIndicator({ current, total }: { current: number; total: number }) {
  const { t } = useTranslation();
  return (
    <div className="steps">
      <p className="steps-text">{t('setup.stepOf', { current, total })}</p>
      <div className="steps-bar" aria-hidden="true">
        {Array.from({ length: total }, (_, i) => (
          <span key={i} className={i < current ? 'steps-dot done' : 'steps-dot'} />
        ))}
      </div>
    </div>
  );
}
