import '../../styles/about.css';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import licences from './licences.json';

/** One runtime dependency, as scripts/licences.mjs writes it (`npm run docs:licences`). */
interface LicenceRow {
  name: string;
  version: string;
  licence: string;
  url: string;
}

const DEPENDENCIES: readonly LicenceRow[] = licences;

/**
 * About Amparo (issue 7 §6): name, version and licence, the credit for the Human Trafficking Case
 * Data Standard, and every runtime dependency with its licence (generated from the lockfile).
 * Shown in the shell for every role, and from the sign-in screen (then with `onBack`).
 */
export function AboutPage({ onBack }: { onBack?: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const standalone = Boolean(onBack);
  // Opened from the sign-in screen, focus starts at the title, as on a page load (the shell does
  // this itself when moving between its pages).
  useEffect(() => {
    if (standalone) heading.current?.focus();
  }, [standalone]);
  return (
    <div className="page about-page">
      <h1 className="page-title" tabIndex={-1} ref={heading}>
        {t('about.title')}
      </h1>
      {onBack ? (
        <p>
          <Button variant="link" onPress={onBack}>
            {t('about.back')}
          </Button>
        </p>
      ) : null}
      <section className="panel" aria-labelledby="about-app-title">
        <h2 id="about-app-title">{t('about.app.title')}</h2>
        <p>
          <strong>{t('app.name')}</strong> — {t('about.app.version', { version: __APP_VERSION__ })}
        </p>
        <p>{t('about.app.description')}</p>
        <p>{t('about.app.licence')}</p>
        <p className="muted">{t('about.app.warranty')}</p>
      </section>
      <section className="panel" aria-labelledby="about-htcds-title">
        <h2 id="about-htcds-title">{t('about.htcds.title')}</h2>
        <p>{t('about.htcds.credit')}</p>
        <p>{t('about.htcds.changes')}</p>
        <p className="about-source">{t('about.htcds.source')}</p>
        <p className="muted">{t('about.htcds.endorsement')}</p>
      </section>
      <section className="panel" aria-labelledby="about-dependencies-title">
        <h2 id="about-dependencies-title">{t('about.dependencies.title')}</h2>
        <p>{t('about.dependencies.intro', { total: DEPENDENCIES.length })}</p>
        <div className="table-wrap">
          <table className="table about-table">
            <caption className="visually-hidden">{t('about.dependencies.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('about.dependencies.colName')}</th>
                <th scope="col">{t('about.dependencies.colVersion')}</th>
                <th scope="col">{t('about.dependencies.colLicence')}</th>
                <th scope="col">{t('about.dependencies.colSource')}</th>
              </tr>
            </thead>
            <tbody>
              {DEPENDENCIES.map((row) => (
                <tr key={`${row.name}@${row.version}`}>
                  <th scope="row">{row.name}</th>
                  <td>{row.version}</td>
                  <td>{row.licence}</td>
                  <td className="about-source">{row.url}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
