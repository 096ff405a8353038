import { I18nProvider } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { App } from './App';

/** React Aria's own strings (e.g. "Increase", "Dismiss") and number formats follow the app's language. */
export function AppRoot() {
  const { i18n } = useTranslation();
  return (
    <I18nProvider locale={i18n.language === 'es' ? 'es-419' : 'en-US'}>
      <App />
    </I18nProvider>
  );
}
