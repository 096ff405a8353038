import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RETENTION_YEARS_MAX, RETENTION_YEARS_MIN } from '../../../shared/retention';
import type { Settings } from '../../../shared/schemas';
import { describeError } from '../../api/errors';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { NumberField } from '../../ui/NumberField';
import { useSettingsStore } from '../settings/settingsStore';

/** The administrator's retention period (years after closure); read-only for everyone else. */
export function RetentionSettingsPanel({ settings, isAdmin }: { settings: Settings; isAdmin: boolean }) {
  const { t } = useTranslation();
  const update = useSettingsStore((s) => s.update);
  const [years, setYears] = useState(settings.retentionYears);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const range = { min: RETENTION_YEARS_MIN, max: RETENTION_YEARS_MAX };
  const valid = Number.isInteger(years) && years >= RETENTION_YEARS_MIN && years <= RETENTION_YEARS_MAX;

  const save = async () => {
    setSaved(false);
    setError(null);
    if (!valid) {
      setError(t('retention.settings.invalid', range));
      return;
    }
    setSaving(true);
    try {
      await update({ retentionYears: years });
      setSaved(true);
    } catch (caught) {
      setError(describeError(t, caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="retention-settings-title">
      <h2 id="retention-settings-title">{t('retention.settings.title')}</h2>
      <p className="muted">{t('retention.settings.intro')}</p>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <NumberField
          label={t('retention.settings.years')}
          description={t('retention.settings.help', range)}
          value={years}
          onChange={(value) => {
            setSaved(false);
            setYears(value);
          }}
          minValue={RETENTION_YEARS_MIN}
          maxValue={RETENTION_YEARS_MAX}
          isReadOnly={!isAdmin}
          errorMessage={error && !valid ? error : undefined}
          name="retentionYears"
        />
        {error && valid ? <Notice tone="error">{error}</Notice> : null}
        {saved ? <Notice tone="success">{t('retention.settings.saved')}</Notice> : null}
        {isAdmin ? (
          <div className="actions start">
            <Button type="submit" isPending={saving}>
              {t('retention.settings.save')}
            </Button>
          </div>
        ) : null}
      </form>
    </section>
  );
}
