import type { ReactNode } from 'react';
import { useNavStore } from '../../app/navStore';

/** A link to a case (its code): opens the case view, as a link would, by mouse or keyboard. */
export function CaseLink({ caseId, children, className }: { caseId: string; children: ReactNode; className?: string }) {
  const openCase = useNavStore((s) => s.openCase);
  return (
    <a
      href={`#case-${caseId}`}
      className={['case-link', className ?? ''].filter(Boolean).join(' ')}
      onClick={(event) => {
        event.preventDefault();
        openCase(caseId);
      }}
    >
      {children}
    </a>
  );
}
