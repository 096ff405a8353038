/** Placeholder until the case view lands: the shell routes here for page 'case'. */
export function CaseView({ caseId }: { caseId: string; onBack: () => void }) {
  return <section aria-busy="true" data-case-id={caseId} />;
}
