import fs from 'node:fs';
import { AppError } from '../../../shared/errors';
import { REPORT_SECTIONS, type CaseReportRequest } from '../../../shared/reports';
import { writePdf } from '../export/pdf';
import { assertVisible } from '../cases/access';
import { getCaseRow } from '../cases/repository';
import type { Session } from '../users/session';
import { assertStillOpen, auditExport, pdfMeta, printIdentity, printPart, readCaseForExport, Words } from './render';

/** Where the person chose to save (the shell: a native save dialog; tests: a fake), or null. */
export type ChooseSavePath = (suggestedName: string) => Promise<string | null>;

/**
 * A PDF report of one case (issue 6 §3, DESIGN.md §6), for the caseworkers and supervisors who
 * may see it (need-to-know: anyone else is told there is no such case, before any dialog opens):
 * the chosen sections in the chosen language, medical and psychological records only when
 * chosen, and the identity "[sealed]" unless it was chosen AND is open to the caller. Written by
 * the main process straight to the chosen path (pdf.ts); audited as `case.report_exported` with
 * which sections, never the content or the path. Null when the dialog was cancelled.
 */
export async function exportCaseReport(session: Session, input: CaseReportRequest, choosePath: ChooseSavePath): Promise<{ pages: number; identityIncluded: boolean } | null> {
  if (session.role !== 'caseworker' && session.role !== 'supervisor') throw new AppError('FORBIDDEN', 'Only caseworkers and supervisors produce case reports.');
  assertVisible(session, input.caseId);
  const code = getCaseRow(session.vault.db, input.caseId)!.code;
  const day = session.vault.location.now().toISOString().slice(0, 10);
  const target = await choosePath(`amparo-case-report-${code}-${day}.pdf`);
  if (!target) return null;
  assertStillOpen(session);
  const file = readCaseForExport(session, input.caseId);
  const words = new Words(input.language);
  const identityIncluded = input.includeIdentity && file.identity.data !== null;
  const chosen = new Set(input.sections);
  const sections = REPORT_SECTIONS.filter((s) => chosen.has(s));
  const title = `${words.text.caseReport} ${code}`;
  const { pages } = await writePdf(target, pdfMeta(session, words, title), (w) => {
    w.title(title);
    w.paragraph(`${words.text.producedOn}: ${day}`, { muted: true });
    if (chosen.has('header')) printPart(w, words, session.vault.db, file, 'header');
    // Always said, so that a reader knows the person's identity was left out on purpose.
    printIdentity(w, words, identityIncluded ? file.identity.data : null, identityNote(words, input.includeIdentity, file.identity.data !== null));
    for (const part of sections) if (part !== 'header') printPart(w, words, session.vault.db, file, part);
  });
  try {
    auditExport(session, 'case.report_exported', input.caseId, {
      format: 'pdf',
      sections: sections.join(','),
      identity: identityIncluded,
      language: input.language,
      pages,
    });
  } catch (error) {
    // An export the trail does not record must not stay on disk.
    fs.rmSync(target, { force: true });
    throw error;
  }
  return { pages, identityIncluded };
}

function identityNote(words: Words, chosen: boolean, open: boolean): string {
  return chosen && !open ? words.text.identitySealedFromYou : words.text.identityNotIncluded;
}
