import type { ReactNode } from 'react';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { formatIsoDate, useVocab, useVocabLang } from '../cases/labels';
import { NAMES_ORGANISATION, riskTouched, STEPS, type IntakeValues } from './intakeForm';

function Row({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === '' || children === null || children === undefined;
  return (
    <div className="review-row">
      <dt>{label}</dt>
      <dd className={empty ? 'muted' : undefined}>{empty ? t('intake.notRecorded') : children}</dd>
    </div>
  );
}

function Section({ title, step, onEdit, children }: { title: string; step: number; onEdit: (step: number) => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="review-section" aria-label={title}>
      <div className="review-section-head">
        <h3>{title}</h3>
        <Button variant="link" size="small" onPress={() => onEdit(step)} aria-label={t('intake.review.editStep', { step: title })}>
          {t('intake.review.edit')}
        </Button>
      </div>
      <dl className="review-list">{children}</dl>
    </section>
  );
}

/** Step 5: everything once more before the case is created. */
export function ReviewStep({ onEdit }: { onEdit: (step: number) => void }) {
  const { t } = useTranslation();
  const label = useVocab();
  const lang = useVocabLang();
  const v = useWatch<IntakeValues>() as IntakeValues;
  const date = (iso: string | null | undefined) => formatIsoDate(iso ?? null, lang);
  const stepTitle = (id: (typeof STEPS)[number]) => t(`intake.steps.${id}`);
  const list = (id: 'country' | 'language', codes: string[] | undefined) => (codes ?? []).map((c) => label(id, c)).join(', ');

  return (
    <>
      <p className="muted">{t('intake.review.intro')}</p>
      <Section title={stepTitle('identity')} step={0} onEdit={onEdit}>
        <Row label={t('intake.identity.givenNames')}>{v.identity.givenNames.trim()}</Row>
        <Row label={t('intake.identity.familyNames')}>{v.identity.familyNames.trim()}</Row>
        {v.identity.ageKind === 'dob' ? (
          <Row label={t('intake.identity.dateOfBirth')}>{date(v.identity.dateOfBirth)}</Row>
        ) : (
          <Row label={t('intake.identity.estimatedAge')}>{v.identity.estimatedAge ?? ''}</Row>
        )}
        <Row label={t('intake.identity.currentLocation')}>{v.identity.currentLocation.trim()}</Row>
        <Row label={t('intake.identity.shelter')}>{v.identity.shelter.trim()}</Row>
      </Section>
      <Section title={stepTitle('profile')} step={1} onEdit={onEdit}>
        <Row label={t('intake.profile.gender')}>{label('gender', v.profile.gender)}</Row>
        <Row label={t('intake.profile.ageAtIdentification')}>{v.profile.ageAtIdentification ?? ''}</Row>
        <Row label={t('intake.profile.citizenship')}>{list('country', v.profile.citizenship)}</Row>
        <Row label={t('intake.profile.languages')}>{list('language', v.profile.languages)}</Row>
        <Row label={t('intake.profile.traffickingStatus')}>{label('traffickingStatus', v.profile.traffickingStatus)}</Row>
        <Row label={t('intake.profile.identifiedOn')}>{date(v.profile.identifiedOn)}</Row>
        <Row label={t('intake.profile.referralSource')}>{label('referralSource', v.profile.referralSource)}</Row>
        <Row label={t('intake.profile.referralSourceDetail')}>{v.profile.referralSourceDetail.trim()}</Row>
      </Section>
      <Section title={stepTitle('consents')} step={2} onEdit={onEdit}>
        {v.consents.length === 0 ? <Row label={t('intake.steps.consents')}>{''}</Row> : null}
        {v.consents.map((c, i) => (
          <Row key={i} label={t('intake.consents.legend', { number: i + 1 })}>
            <span className="review-consent">
              <strong>{label('consentPurpose', c.purpose)}</strong>
              {NAMES_ORGANISATION.has(c.purpose ?? '') && c.organisation.trim() ? ` — ${c.organisation.trim()}` : ''}
              <br />
              {t('intake.review.consentLine', { givenBy: c.givenBy.trim(), date: date(c.givenOn), method: label('consentMethod', c.method) })}
              {c.formVersion.trim() ? ` · ${t('intake.review.formVersion', { version: c.formVersion.trim() })}` : ''}
            </span>
          </Row>
        ))}
      </Section>
      <Section title={stepTitle('risk')} step={3} onEdit={onEdit}>
        {riskTouched(v.risk) ? (
          <>
            <Row label={t('intake.risk.level')}>{label('riskLevel', v.risk.level)}</Row>
            <Row label={t('intake.risk.assessedOn')}>{date(v.risk.assessedOn)}</Row>
            <Row label={t('intake.risk.urgentProtection')}>{v.risk.urgentProtection ? t('intake.review.yes') : t('intake.review.no')}</Row>
            <Row label={t('intake.risk.safetyPlan')}>{v.risk.safetyPlan.trim()}</Row>
            <Row label={t('intake.risk.nextReviewOn')}>{date(v.risk.nextReviewOn)}</Row>
          </>
        ) : (
          <Row label={t('intake.risk.level')}>{t('intake.risk.notAssessed')}</Row>
        )}
      </Section>
    </>
  );
}
