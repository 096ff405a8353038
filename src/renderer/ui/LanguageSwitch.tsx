import { useState } from 'react';
import { Label, RadioButton, RadioField, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../shared/languages';
import { describeError } from '../api/errors';
import { useAppStore } from '../app/appStore';
import { currentLanguage } from '../i18n';

/** Each language is named in itself, so a person who cannot read the current one finds theirs. */
const NATIVE_NAMES: Record<Language, string> = { en: 'English', es: 'Español' };

/** A two-option segmented control; saves the choice with `preferences.setLanguage`. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const setLanguage = useAppStore((s) => s.setLanguage);
  const language = useAppStore((s) => s.status?.language) ?? currentLanguage();
  const [error, setError] = useState<string | null>(null);

  return (
    <div className={compact ? 'language-switch compact' : 'language-switch'}>
      <RadioGroup
        className="segmented-group"
        orientation="horizontal"
        value={language}
        onChange={(value) => {
          setError(null);
          setLanguage(value as Language).catch((e: unknown) => setError(describeError(t, e)));
        }}
      >
        <Label className={compact ? 'segmented-label visually-hidden' : 'segmented-label'}>{t('language.label')}</Label>
        <div className="segmented">
          {LANGUAGES.map((code) => (
            <RadioField key={code} value={code} className="segmented-option">
              <RadioButton className="segmented-button" lang={code}>
                {NATIVE_NAMES[code]}
              </RadioButton>
            </RadioField>
          ))}
        </div>
      </RadioGroup>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
