import { useTranslation } from 'react-i18next';
import { groups } from './referralsApi';

/** A fingerprint in groups of four, large enough to read aloud; screen readers get it group by group. */
export function Fingerprint({ value, id }: { value: string; id?: string }) {
  const { t } = useTranslation();
  return (
    <span className="fingerprint mono" id={id} role="group" aria-label={`${t('referrals.fingerprintLabel')}: ${groups(value).join(', ')}`} data-testid="fingerprint">
      {groups(value).map((g, i) => (
        <span key={i} className="fingerprint-group" aria-hidden="true">
          {g}
        </span>
      ))}
    </span>
  );
}
