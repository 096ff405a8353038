import { AppError } from '../../../shared/errors';
import { REPORT_SECTIONS, type SubjectAccessRequest } from '../../../shared/reports';
import { subjectAccessRequestSchema } from '../../../shared/reports';
import { iterateAudit } from '../audit/query';
import { readAttachment } from '../cases/attachments';
import { assertVisible } from '../cases/access';
import { caseHistory } from '../cases/queries';
import { getCaseRow } from '../cases/repository';
import { displayName } from '../cases/stamps';
import { writePdf } from '../export/pdf';
import { writeFileAtomic } from '../fs/atomic-write';
import { readOrganisationName } from '../referrals/organisation';
import type { Session } from '../users/session';
import type { ChooseSavePath } from './case-report';
import { assertStillOpen, auditExport, moment, pdfMeta, printIdentity, printPart, readCaseForExport, Words } from './render';

/**
 * Subject access (issue 6 §3, DESIGN.md §6): everything the organisation holds about the person
 * of one case, for their data-protection request — the case file (the identity when the
 * supervisor holds its key, and saying so when not), every section and record, the attachments
 * (names, types, sizes, dates; their bytes in the JSON on request), the field history and the
 * audit entries about the case (who did what when). Supervisors only, for cases they may see.
 * JSON is written atomically; PDF streamed (pdf.ts). Audited as `case.subject_access_exported`.
 */
export async function exportSubjectAccess(
  session: Session,
  request: SubjectAccessRequest,
  choosePath: ChooseSavePath,
): Promise<{ format: 'json' | 'pdf'; pages: number | null; identitySealed: boolean } | null> {
  const input = subjectAccessRequestSchema.parse(request);
  if (session.role !== 'supervisor') throw new AppError('FORBIDDEN', 'Only supervisors produce subject-access exports.');
  assertVisible(session, input.caseId);
  const { db } = session.vault;
  const code = getCaseRow(db, input.caseId)!.code;
  const day = session.vault.location.now().toISOString().slice(0, 10);
  const target = await choosePath(`amparo-subject-access-${code}-${day}.${input.format}`);
  if (!target) return null;
  assertStillOpen(session);
  const file = readCaseForExport(session, input.caseId);
  const identitySealed = file.identity.data === null;
  // The whole history, not the screen's latest 2,000 entries: the person is owed all of it.
  const history = caseHistory(session, input.caseId, null);
  const audit = [...iterateAudit(db, { caseCode: code })].filter((e) => e.target === input.caseId);
  const words = new Words(input.language);
  let pages: number | null = null;
  if (input.format === 'json') {
    const attachments = file.attachments.map((a) => {
      if (!input.includeAttachmentBytes) return a;
      try {
        return { ...a, bytesBase64: Buffer.from(readAttachment(session, a.id).bytes).toString('base64') };
      } catch (error) {
        // A sealed photo of a case whose key this supervisor does not hold.
        if (error instanceof AppError && error.code === 'IDENTITY_SEALED') return { ...a, bytesBase64: null, bytesSealed: true };
        throw error;
      }
    });
    const document = {
      format: 'amparo-subject-access',
      version: 1,
      producedAt: session.vault.location.now().toISOString(),
      producedBy: { id: session.accountId, name: displayName(db, session.accountId) },
      organisation: readOrganisationName(db),
      case: { ...file.header, assigned: file.header.assignedIds.map((id) => ({ id, name: displayName(db, id) })), supervisor: displayName(db, file.header.supervisorId) },
      identity: identitySealed ? { sealed: true, note: words.text.identitySealedSubject, data: null, stamp: file.identity.stamp } : { sealed: false, data: file.identity.data, stamp: file.identity.stamp },
      sections: file.sections,
      records: file.records,
      attachments,
      history,
      audit: audit.map((e) => ({ seq: e.seq, at: e.at, actorId: e.actorId, actor: e.actorName, action: e.action, detail: e.detail })),
    };
    writeFileAtomic(target, `${JSON.stringify(document, null, 2)}\n`);
  } else {
    const title = `${words.text.subjectAccess} ${code}`;
    ({ pages } = await writePdf(target, pdfMeta(session, words, title), (w) => {
      w.title(title);
      w.paragraph(`${words.text.producedOn}: ${day}`, { muted: true });
      w.paragraph(words.text.subjectIntro);
      printPart(w, words, db, file, 'header');
      printIdentity(w, words, file.identity.data, identitySealed ? words.text.identitySealedSubject : null);
      for (const part of REPORT_SECTIONS) if (part !== 'header') printPart(w, words, db, file, part);
      w.heading(words.text.attachments);
      if (!file.attachments.length) w.paragraph(words.text.nothingRecorded, { muted: true });
      else {
        const t = words.text;
        w.table(
          [t.attachmentName, t.attachmentType, t.attachmentSize, t.attachmentAdded, t.attachmentAddedBy],
          file.attachments.map((a) => [a.name, a.mime, String(a.size), moment(a.addedAt), a.addedBy]),
          [3, 2, 1.5, 2, 2],
        );
      }
      w.heading(words.text.history);
      w.paragraph(words.text.historySealedNote, { muted: true });
      const t = words.text;
      w.table(
        [t.historyAt, t.historyWho, t.historyPart, t.historyField, t.historyOld, t.historyNew],
        history.map((h) => [moment(h.at), h.actor ?? '', words.record(h.part), words.field(h.part, h.field), h.oldValue ?? '', h.newValue ?? '']),
        [2, 2, 1.6, 2, 2.5, 2.5],
      );
      w.heading(words.text.audit);
      w.table(
        [t.auditAt, t.auditWho, t.auditAction, t.auditDetail],
        audit.map((e) => [moment(e.at), e.actorName ?? '', e.action, Object.entries(e.detail).map(([k, v]) => `${k}=${String(v)}`).join(', ')]),
        [2, 2, 2.5, 4],
      );
    }));
  }
  auditExport(session, 'case.subject_access_exported', input.caseId, {
    format: input.format,
    identitySealed,
    attachmentBytes: input.format === 'json' && input.includeAttachmentBytes,
    ...(pages === null ? {} : { pages }),
  });
  return { format: input.format, pages, identitySealed };
}
