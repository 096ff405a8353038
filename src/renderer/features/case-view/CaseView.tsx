import '../../styles/case-view.css';
import { useEffect, type ReactNode } from 'react';
import { Tab, TabList, TabPanel, Tabs, type Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useNavStore } from '../../app/navStore';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Notice } from '../../ui/Notice';
import { AttachmentsPanel } from './AttachmentsPanel';
import { CaseHeader } from './CaseHeader';
import { TAB_IDS, useCaseStore, type TabId } from './caseStore';
import { useCaseError } from './errors';
import { RecordsPanel } from './records/RecordsPanel';
import { ClosureSection } from './sections/ClosureSection';
import { ExperienceSection } from './sections/ExperienceSection';
import { IdentitySection } from './sections/IdentitySection';
import { LegalSection } from './sections/LegalSection';
import { PlanSection } from './sections/PlanSection';
import { ProfileSection } from './sections/ProfileSection';
import { ReintegrationSection } from './sections/ReintegrationSection';
import { ReturnSection } from './sections/ReturnSection';
import { LockGlyph, SensitiveBanner } from './SensitiveBanner';
import { TimelinePanel } from './TimelinePanel';
import { SendReferral } from '../referrals/SendReferral';

const SENSITIVE: ReadonlySet<TabId> = new Set(['identity', 'clinical']);
/** Tabs that start a group in the side navigation (person, assistance, activity, the case). */
const GROUP_START: ReadonlySet<TabId> = new Set(['plan', 'referrals', 'closure']);
const RECORD_TABS: Partial<Record<TabId, string>> = {
  risk: 'risk',
  consent: 'consent',
  services: 'service',
  clinical: 'clinical',
  referrals: 'referral',
  followUps: 'followUp',
  notes: 'note',
};

function TabContent({ tab }: { tab: TabId }): ReactNode {
  const { t } = useTranslation();
  switch (tab) {
    case 'identity':
      return <IdentitySection />;
    case 'profile':
      return <ProfileSection />;
    case 'experience':
      return <ExperienceSection />;
    case 'plan':
      return <PlanSection />;
    case 'return':
      return <ReturnSection />;
    case 'reintegration':
      return <ReintegrationSection />;
    case 'legal':
      return <LegalSection />;
    case 'closure':
      return <ClosureSection />;
    case 'risk':
      return <RecordsPanel kind="risk" title={t('caseView.tabs.risk')} intro={t('caseView.intro.risk')} />;
    case 'consent':
      return <RecordsPanel kind="consent" title={t('caseView.tabs.consent')} intro={t('caseView.intro.consent')} />;
    case 'services':
      return <RecordsPanel kind="service" title={t('caseView.tabs.services')} intro={t('caseView.intro.services')} />;
    case 'clinical':
      return (
        <RecordsPanel
          kind="clinical"
          title={t('caseView.tabs.clinical')}
          banner={<SensitiveBanner title={t('caseView.sensitive.clinical')}>{t('caseView.sensitive.clinicalBody')}</SensitiveBanner>}
        />
      );
    case 'referrals':
      return (
        <RecordsPanel kind="referral" title={t('caseView.tabs.referrals')} intro={t('caseView.intro.referrals')}>
          <SendReferral />
        </RecordsPanel>
      );
    case 'followUps':
      return <RecordsPanel kind="followUp" title={t('caseView.tabs.followUps')} intro={t('caseView.intro.followUps')} />;
    case 'notes':
      return <RecordsPanel kind="note" title={t('caseView.tabs.notes')} />;
    case 'attachments':
      return <AttachmentsPanel />;
    case 'timeline':
      return <TimelinePanel />;
  }
}

/** While a form has unsaved changes, leaving the case (or the tab) asks first. */
function useNavigationGuard(): void {
  const dirty = useCaseStore((s) => s.dirty);
  useEffect(() => {
    useNavStore.getState().setGuard(dirty ? (proceed) => useCaseStore.getState().whenClean(proceed) : null);
  }, [dirty]);
  useEffect(() => () => useNavStore.getState().setGuard(null), []);
}

function DiscardDialog() {
  const { t } = useTranslation();
  const pending = useCaseStore((s) => s.pending);
  const keepEditing = useCaseStore((s) => s.keepEditing);
  const discard = useCaseStore((s) => s.discardAndContinue);
  return (
    <Dialog isOpen={pending !== null} onOpenChange={(open) => !open && keepEditing()} title={t('caseView.guard.title')} role="alertdialog">
      <p>{t('caseView.guard.body')}</p>
      <div className="actions">
        <Button variant="secondary" onPress={keepEditing} autoFocus>
          {t('caseView.guard.keep')}
        </Button>
        <Button variant="danger" onPress={discard}>
          {t('caseView.guard.discard')}
        </Button>
      </div>
    </Dialog>
  );
}

/** One case file: its header, then its parts in a side navigation of tabs. */
export function CaseView({ caseId, onBack }: { caseId: string; onBack: () => void }) {
  const { t } = useTranslation();
  const caseError = useCaseError();
  const open = useCaseStore((s) => s.open);
  const close = useCaseStore((s) => s.close);
  const file = useCaseStore((s) => s.file);
  const loadError = useCaseStore((s) => s.loadError);
  const tab = useCaseStore((s) => s.tab);
  const selectTab = useCaseStore((s) => s.selectTab);

  useNavigationGuard();

  useEffect(() => {
    void open(caseId);
    // Leaving the case forgets its content.
    return () => close();
  }, [caseId, open, close]);

  if (loadError && !file) {
    const notFound = isApiError(loadError) && loadError.code === 'NOT_FOUND';
    return (
      <div className="page">
        <h1 className="page-title" tabIndex={-1}>
          {t('caseView.unavailable')}
        </h1>
        <Notice tone="error">{notFound ? t('caseView.errors.NOT_FOUND') : caseError(loadError)}</Notice>
        <div className="actions start">
          <Button variant="secondary" onPress={onBack}>
            {t('caseView.back')}
          </Button>
        </div>
      </div>
    );
  }

  if (!file) {
    return (
      <div className="page case-loading" aria-busy="true">
        <h1 className="page-title" tabIndex={-1}>
          {t('caseView.loading')}
        </h1>
      </div>
    );
  }

  const counts = new Map<string, number>();
  for (const r of file.records) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  counts.set('attachments', file.attachments.length);

  return (
    <div className="page case-view">
      <CaseHeader header={file.header} onBack={onBack} />
      {loadError ? <Notice tone="error">{caseError(loadError)}</Notice> : null}
      <Tabs
        className="case-tabs"
        orientation="vertical"
        keyboardActivation="manual"
        selectedKey={tab}
        onSelectionChange={(key: Key) => selectTab(String(key) as TabId)}
      >
        <TabList className="case-tablist" aria-label={t('caseView.tabs.label')}>
          {TAB_IDS.map((id) => {
            const count = id === 'attachments' ? counts.get('attachments') : RECORD_TABS[id] ? counts.get(RECORD_TABS[id]!) : undefined;
            return (
              <Tab key={id} id={id} className={GROUP_START.has(id) ? 'case-tab group-start' : 'case-tab'}>
                <span className="case-tab-label">{t(`caseView.tabs.${id}`)}</span>
                {SENSITIVE.has(id) ? <LockGlyph /> : null}
                {count ? (
                  <span className="case-tab-count" aria-hidden="true">
                    {count}
                  </span>
                ) : null}
              </Tab>
            );
          })}
        </TabList>
        {TAB_IDS.map((id) => (
          <TabPanel key={id} id={id} className="panel case-tabpanel">
            <TabContent tab={id} />
          </TabPanel>
        ))}
      </Tabs>
      <DiscardDialog />
    </div>
  );
}
