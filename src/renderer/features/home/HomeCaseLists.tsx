import '../../styles/case-list.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/contract';
import { call } from '../../api/client';
import { describeError } from '../../api/errors';
import { useNavStore } from '../../app/navStore';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { CaseLink } from '../cases/CaseLink';
import { formatIsoDate, formatMomentDate, RISK_TONE, STATUS_TONE, useVocab, useVocabLang } from '../cases/labels';

type Home = ResponseOf<'cases.home'>;

/**
 * The home screen of the people who work on cases (`cases.home`): their open cases, the
 * follow-ups due today or overdue, and high-risk cases without a review in 30 days.
 */
export function HomeCaseLists() {
  const { t } = useTranslation();
  const label = useVocab();
  const lang = useVocabLang();
  const go = useNavStore((s) => s.go);
  const [home, setHome] = useState<Home | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    call('cases.home', {})
      .then((value) => {
        if (live) setHome(value);
      })
      .catch((e: unknown) => {
        if (live) setError(e);
      });
    return () => {
      live = false;
    };
  }, []);

  if (error) return <Notice tone="error">{describeError(t, error)}</Notice>;

  return (
    <>
      <div className="grid" aria-busy={home === null || undefined}>
        <section className="panel home-panel" aria-labelledby="my-cases-title">
          <div className="panel-header">
            <h2 id="my-cases-title">{t('homeLists.myCases.title')}</h2>
            <Button variant="primary" size="small" onPress={() => go('intake')}>
              {t('homeLists.newCase')}
            </Button>
          </div>
          {home && home.myOpenCases.length === 0 ? (
            <div className="empty-state">
              <p className="empty-title">{t('homeLists.myCases.empty')}</p>
              <p className="muted">{t('homeLists.myCases.emptyHelp')}</p>
            </div>
          ) : null}
          {home && home.myOpenCases.length > 0 ? (
            <ul className="home-list">
              {home.myOpenCases.map((c) => (
                <li key={c.id} className="home-item">
                  <CaseLink caseId={c.id} className="case-code">
                    {c.code}
                  </CaseLink>
                  <span className={`tag ${STATUS_TONE[c.status] ?? 'tag-muted'}`}>{label('caseStatus', c.status)}</span>
                  {c.riskLevel ? (
                    <span className={`tag ${RISK_TONE[c.riskLevel]}`}>{t('homeLists.risk', { level: label('riskLevel', c.riskLevel) })}</span>
                  ) : null}
                  <span className="home-item-meta below muted">{t('homeLists.changed', { date: formatMomentDate(c.updatedAt, lang) })}</span>
                </li>
              ))}
            </ul>
          ) : null}
          {home && home.myOpenCases.length > 0 ? (
            <p className="panel-footer">
              <Button variant="link" onPress={() => go('cases')}>
                {t('homeLists.allCases')}
              </Button>
            </p>
          ) : null}
        </section>
        <section className="panel home-panel" aria-labelledby="followups-title">
          <h2 id="followups-title">{t('homeLists.followUps.title')}</h2>
          {home && home.followUpsDue.length === 0 ? (
            <div className="empty-state">
              <p className="empty-title">{t('homeLists.followUps.empty')}</p>
              <p className="muted">{t('homeLists.followUps.emptyHelp')}</p>
            </div>
          ) : null}
          {home && home.followUpsDue.length > 0 ? (
            <ul className="home-list">
              {home.followUpsDue.map((f) => (
                <li key={f.recordId} className={f.overdue ? 'home-item due-item is-overdue' : 'home-item due-item'}>
                  <CaseLink caseId={f.caseId} className="case-code">
                    {f.code}
                  </CaseLink>
                  <span className="due-type">{label('followUpType', f.type)}</span>
                  {f.overdue ? (
                    <span className="tag tag-danger">{t('homeLists.followUps.overdueSince', { date: formatIsoDate(f.dueOn, lang) })}</span>
                  ) : (
                    <span className="tag tag-warning">{t('homeLists.followUps.today')}</span>
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      </div>
      {home ? (
        <section className="panel home-panel" aria-labelledby="high-risk-title">
          <h2 id="high-risk-title">{t('homeLists.highRisk.title')}</h2>
          <p className="muted small">{t('homeLists.highRisk.help')}</p>
          {home.highRiskWithoutReview.length === 0 ? (
            <p className="home-none">{t('homeLists.highRisk.empty')}</p>
          ) : (
            <ul className="home-list">
              {home.highRiskWithoutReview.map((c) => (
                <li key={c.caseId} className="home-item">
                  <CaseLink caseId={c.caseId} className="case-code">
                    {c.code}
                  </CaseLink>
                  <span className="tag tag-danger">{label('riskLevel', 'high')}</span>
                  <span className="home-item-meta muted">
                    {c.lastAssessedOn ? t('homeLists.highRisk.lastAssessed', { date: formatIsoDate(c.lastAssessedOn, lang) }) : t('homeLists.highRisk.never')}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </>
  );
}
