import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AuditChainProblem } from '../../../shared/audit';
import { describeError } from '../../api/errors';
import { currentLanguage, formatTime, localeOf } from '../../i18n';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { useAuditStore } from './auditStore';

/** One problem in words, with its entry numbers (the `seq` column of the CSV export). */
function problemText(t: TFunction, problem: AuditChainProblem, n: (value: number) => string): string {
  switch (problem.kind) {
    case 'missing':
      return problem.from === problem.to ? t('audit.chain.problems.missingOne', { seq: n(problem.from) }) : t('audit.chain.problems.missing', { from: n(problem.from), to: n(problem.to) });
    case 'unlinked':
      return t('audit.chain.problems.unlinked', { seq: n(problem.seq) });
    case 'unreadable':
      return t('audit.chain.problems.unreadable', { seq: n(problem.seq) });
    case 'edited':
      return t('audit.chain.problems.edited', { seq: n(problem.seq) });
    case 'appended':
      return t('audit.chain.problems.appended', { after: n(problem.after) });
    case 'truncated':
      return t('audit.chain.problems.truncated');
    case 'head-missing':
      return t('audit.chain.problems.headMissing');
  }
}

/**
 * Whether the whole audit trail is intact (its hash chain checked by the core), above the
 * entries: a quiet line when it is, an alert naming what is broken and what to do when not.
 * The result is rendered anew after each check so that screen readers announce it again.
 */
export function ChainStatus() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const chain = useAuditStore((s) => s.chain);
  const checking = useAuditStore((s) => s.checking);
  const chainError = useAuditStore((s) => s.chainError);
  const verify = useAuditStore((s) => s.verify);
  const numbers = new Intl.NumberFormat(localeOf(language));
  const n = (value: number) => numbers.format(value);

  let status = null;
  if (checking) status = <Notice tone="info">{t('audit.chain.checking')}</Notice>;
  else if (chainError) status = <Notice tone="error">{describeError(t, chainError)}</Notice>;
  else if (chain?.intact) {
    const time = formatTime(chain.checkedAt, language);
    status = <Notice tone="success">{t('audit.chain.intact', { count: chain.entries, entries: n(chain.entries), time })}</Notice>;
  } else if (chain) {
    const more = chain.problemCount - chain.problems.length;
    status = (
      <Notice tone="error" title={t('audit.chain.brokenTitle')}>
        <p>{t('audit.chain.brokenIntro')}</p>
        <ul>
          {chain.problems.map((problem, i) => (
            <li key={i}>{problemText(t, problem, n)}</li>
          ))}
          {more > 0 ? <li>{t('audit.chain.more', { count: more, more: n(more) })}</li> : null}
        </ul>
        <p>{t('audit.chain.whatToDo')}</p>
      </Notice>
    );
  }

  return (
    <div className="audit-chain">
      {status}
      <div className="actions start">
        <Button variant="secondary" size="small" isPending={checking} onPress={() => void verify()}>
          {t('audit.chain.checkAgain')}
        </Button>
      </div>
    </div>
  );
}
