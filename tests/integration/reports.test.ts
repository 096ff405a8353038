import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { AppError } from '../../src/shared/errors';
import { REPORT_SECTIONS, type CaseReportRequest, type ReportSection } from '../../src/shared/reports';
import { createCase, saveSection } from '../../src/main/core/cases/service';
import { addRecord } from '../../src/main/core/cases/records';
import { addAttachment } from '../../src/main/core/cases/attachments';
import { verifyAuditChain } from '../../src/main/core/audit/chain';
import { setOrganisationName } from '../../src/main/core/referrals/organisation';
import { exportCaseReport } from '../../src/main/core/reports/case-report';
import { exportSubjectAccess } from '../../src/main/core/reports/subject-access';
import { writePdf } from '../../src/main/core/export/pdf';
import type { Session } from '../../src/main/core/users/session';
import { makeCaseVault } from '../support/case-fixture';
import { makeTempDir } from '../support/temp-dir';

/**
 * Case reports and subject access (issue 6 §3, §5) on a real vault: the PDF's extracted text has
 * the identity redacted unless chosen and open to the caller, a footer on every page, the
 * language asked for and only the sections chosen; the subject-access export holds the person's
 * data and nothing of the other case in the same vault; need-to-know and roles apply; each
 * export is audited without content; no temp file is left anywhere.
 */

const ORGANISATION = 'Casa Refugio Lima';
/** The person of case A. */
const A = {
  given: 'Yesenia Quispe-Mamani',
  family: 'Huamán Ticona',
  shelter: 'Albergue Santa Rosa, Jr. Ayacucho 1150',
  phone: '+51 984 221 907',
  note: 'Relató que el dueño del restaurante en Tacna guardaba su pasaporte.',
  clinical: 'Insomnio y crisis de ansiedad tratadas con terapia semanal.',
  legalNotes: 'Denuncia penal presentada en la fiscalía de Tumbes.',
  attachment: 'declaracion-firmada.pdf',
};
/** The person of case B, in the same vault: none of it may reach A's exports. */
const B = {
  given: 'Maribel Condori',
  family: 'Choque Apaza',
  shelter: 'Casa Hogar San Martín de Porres',
  note: 'Trabajó en una mina de oro informal en Madre de Dios.',
  office: 'Oficina Puerto Maldonado',
};

type Vault = Awaited<ReturnType<typeof makeCaseVault>>;
let f: Vault;
let caseA: string;
let caseB: string;
const out = makeTempDir('amparo-reports-test-');
let counter = 0;
const nextFile = (ext: string) => path.join(out.dir, `export-${++counter}.${ext}`);

const STANDARD_FONTS = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts/');

async function pdfText(file: string): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(fs.readFileSync(file)), isEvalSupported: false, standardFontDataUrl: STANDARD_FONTS }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  await pdf.destroy();
  return pages;
}

async function report(session: Session, request: Partial<CaseReportRequest> = {}): Promise<{ file: string; pages: string[]; result: Awaited<ReturnType<typeof exportCaseReport>> }> {
  const file = nextFile('pdf');
  const result = await exportCaseReport(session, { caseId: caseA, sections: [...REPORT_SECTIONS], includeIdentity: false, language: 'en', ...request }, async () => file);
  return { file, pages: await pdfText(file), result };
}

async function codeOf(work: () => Promise<unknown>): Promise<string | null> {
  try {
    await work();
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

const auditRows = (action: string) =>
  f.admin.vault.db.prepare('SELECT actor_id, target, detail FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { actor_id: string; target: string; detail: string }[];

beforeAll(async () => {
  f = await makeCaseVault();
  setOrganisationName(f.admin, ORGANISATION);
  caseA = createCase(f.worker, {
    office: 'Oficina Lima',
    identity: { givenNames: A.given, familyNames: A.family, shelter: A.shelter, contacts: [{ kind: 'phone', value: A.phone }] },
    profile: { gender: 'Feminine', ageAtIdentification: 24, citizenship: ['PE'] },
    consents: [{ purpose: 'assistance', givenBy: 'La persona', givenOn: '2026-11-02', method: 'written' }],
  }).id;
  saveSection(f.worker, caseA, 'legal', 0, { counsel: 'Defensoría', notes: A.legalNotes });
  addRecord(f.worker, caseA, 'note', { writtenOn: '2026-11-03', body: A.note });
  addRecord(f.worker, caseA, 'clinical', { discipline: 'psychological', type: 'session', occurredOn: '2026-11-04', notes: A.clinical });
  addAttachment(f.worker, caseA, { name: A.attachment, bytes: Buffer.from('%PDF-1.4 signed statement') });

  caseB = createCase(f.other, {
    office: B.office,
    identity: { givenNames: B.given, familyNames: B.family, shelter: B.shelter },
    profile: { gender: 'Masculine', citizenship: ['BO'] },
  }).id;
  addRecord(f.other, caseB, 'note', { writtenOn: '2026-11-05', body: B.note });
});

afterAll(() => {
  f.cleanup();
  out.remove();
});

describe('case report', () => {
  it('redacts the identity when it is not chosen, and has the footer on every page', async () => {
    const { pages, result } = await report(f.worker);
    expect(result).toEqual({ pages: pages.length, identityIncluded: false });
    const text = pages.join('\n');
    expect(text).toContain('[sealed]');
    for (const value of [A.given, A.family, A.shelter, A.phone]) expect(text).not.toContain(value);
    // The rest of the case is there, codes as words.
    expect(text).toContain('Case report');
    expect(text).toContain('Feminine');
    expect(text).toContain('Peru');
    expect(text).toContain(A.note);
    pages.forEach((page, i) => {
      expect(page).toContain('Confidential');
      expect(page).toContain(ORGANISATION);
      expect(page).toContain('Produced by Marco Caseworker');
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  it('prints the identity when chosen and open to the caller', async () => {
    const { pages, result } = await report(f.worker, { includeIdentity: true });
    expect(result?.identityIncluded).toBe(true);
    const text = pages.join('\n');
    for (const value of [A.given, A.family, A.shelter, A.phone]) expect(text).toContain(value);
    expect(text).not.toContain('[sealed]');
  });

  it('redacts the identity when chosen but sealed from the caller', async () => {
    // The supervisor's wrap of the case key is taken away: the case is still theirs to see.
    const { db } = f.admin.vault;
    const wrap = db.prepare('SELECT wrapped FROM case_keys WHERE case_id = ? AND recipient = ?').get(caseA, f.supervisor.accountId) as { wrapped: Buffer };
    db.prepare('DELETE FROM case_keys WHERE case_id = ? AND recipient = ?').run(caseA, f.supervisor.accountId);
    try {
      const { pages, result } = await report(f.supervisor, { includeIdentity: true });
      expect(result?.identityIncluded).toBe(false);
      const text = pages.join('\n');
      expect(text).toContain('[sealed]');
      expect(text).toContain('sealed from you');
      for (const value of [A.given, A.family, A.shelter]) expect(text).not.toContain(value);
      expect(text).toContain('Produced by Sara Supervisora');
    } finally {
      db.prepare('INSERT INTO case_keys (case_id, recipient, wrapped) VALUES (?, ?, ?)').run(caseA, f.supervisor.accountId, wrap.wrapped);
    }
  });

  it('is in Spanish when asked: field names and code values', async () => {
    const { pages } = await report(f.worker, { language: 'es', includeIdentity: true });
    const text = pages.join('\n');
    for (const words of ['Informe del caso', 'Confidencial', 'Elaborado por', 'Género', 'Femenino', 'Perú', 'Nacionalidad', 'Consentimiento', 'Nombres']) {
      expect(text, words).toContain(words);
    }
    expect(pages[0]).toContain(`Página 1 de ${pages.length}`);
    expect(text).not.toContain('Feminine');
    expect(text).not.toContain('Confidential');
  });

  it('holds only the sections chosen; clinical records only when chosen', async () => {
    const { pages } = await report(f.worker, { sections: ['profile', 'notes'] satisfies ReportSection[] });
    const text = pages.join('\n');
    expect(text).toContain('Feminine');
    expect(text).toContain(A.note);
    for (const absent of [A.clinical, A.legalNotes, 'Medical & psychological', 'Consent', 'Oficina Lima']) expect(text, absent).not.toContain(absent);
    expect(text).toContain('[sealed]');
    const clinical = (await report(f.worker, { sections: ['clinical'] })).pages.join('\n');
    expect(clinical).toContain(A.clinical);
    expect(clinical).not.toContain(A.note);
  });

  it('is refused to someone not on the case (as if it did not exist) and to roles without case content; no dialog opens', async () => {
    let asked = 0;
    const choose = async () => {
      asked++;
      return nextFile('pdf');
    };
    const request = { caseId: caseA, sections: ['profile'] as ReportSection[], includeIdentity: true, language: 'en' as const };
    expect(await codeOf(() => exportCaseReport(f.other, request, choose))).toBe('NOT_FOUND');
    expect(await codeOf(() => exportCaseReport(f.worker, { ...request, caseId: caseB }, choose))).toBe('NOT_FOUND');
    expect(await codeOf(() => exportCaseReport(f.admin, request, choose))).toBe('FORBIDDEN');
    expect(asked).toBe(0);
  });

  it('writes nothing and records nothing when the dialog is cancelled', async () => {
    const before = auditRows('case.report_exported').length;
    expect(await exportCaseReport(f.worker, { caseId: caseA, sections: ['profile'], includeIdentity: false, language: 'en' }, async () => null)).toBeNull();
    expect(auditRows('case.report_exported')).toHaveLength(before);
  });
});

describe('subject access', () => {
  it('the JSON holds the person’s data (identity, sections, records, attachments, history, audit) and nothing of another case', async () => {
    const file = nextFile('json');
    const result = await exportSubjectAccess(f.supervisor, { caseId: caseA, format: 'json', language: 'en', includeAttachmentBytes: true }, async () => file);
    expect(result).toEqual({ format: 'json', pages: null, identitySealed: false });
    const raw = fs.readFileSync(file, 'utf8');
    const doc = JSON.parse(raw);
    expect(doc.identity).toMatchObject({ sealed: false, data: { givenNames: A.given, familyNames: A.family, shelter: A.shelter } });
    expect(doc.sections.profile.data).toMatchObject({ gender: 'Feminine', citizenship: ['PE'] });
    expect(doc.sections.legal.data.notes).toBe(A.legalNotes);
    expect(doc.records.map((r: { kind: string }) => r.kind).sort()).toEqual(['clinical', 'consent', 'note']);
    expect(raw).toContain(A.note);
    expect(raw).toContain(A.clinical);
    expect(doc.attachments).toEqual([expect.objectContaining({ name: A.attachment, size: 25, bytesBase64: Buffer.from('%PDF-1.4 signed statement').toString('base64') })]);
    expect(doc.history.some((h: { part: string }) => h.part === 'legal')).toBe(true);
    expect(doc.audit.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['case.created', 'case.changed', 'case.report_exported']));
    expect(doc.organisation).toBe(ORGANISATION);
    for (const value of Object.values(B)) expect(raw, value).not.toContain(value);
    expect(raw).not.toContain(caseB);
  });

  it('the PDF holds the same, says so when the identity is sealed from the supervisor, and nothing of another case', async () => {
    const { db } = f.admin.vault;
    const wrap = db.prepare('SELECT wrapped FROM case_keys WHERE case_id = ? AND recipient = ?').get(caseA, f.supervisor.accountId) as { wrapped: Buffer };
    db.prepare('DELETE FROM case_keys WHERE case_id = ? AND recipient = ?').run(caseA, f.supervisor.accountId);
    try {
      const file = nextFile('pdf');
      const result = await exportSubjectAccess(f.supervisor, { caseId: caseA, format: 'pdf', language: 'en' }, async () => file);
      expect(result).toMatchObject({ format: 'pdf', identitySealed: true });
      const pages = await pdfText(file);
      expect(result?.pages).toBe(pages.length);
      const text = pages.join('\n');
      expect(text).toContain('sealed from the supervisor');
      expect(text).not.toContain(A.given);
      for (const value of [A.note, A.clinical, A.legalNotes, A.attachment, 'Field history', 'Audit trail of the case', 'case.created']) expect(text, value).toContain(value);
      for (const value of Object.values(B)) expect(text, value).not.toContain(value);
      pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));
    } finally {
      db.prepare('INSERT INTO case_keys (case_id, recipient, wrapped) VALUES (?, ?, ?)').run(caseA, f.supervisor.accountId, wrap.wrapped);
    }
  });

  it('is for supervisors only: refused to a caseworker of the case, and NOT_FOUND for a case outside their teams', async () => {
    let asked = 0;
    const choose = async () => {
      asked++;
      return nextFile('json');
    };
    expect(await codeOf(() => exportSubjectAccess(f.worker, { caseId: caseA, format: 'json', language: 'en' }, choose))).toBe('FORBIDDEN');
    // A case recorded by an administrator-made supervisor of no team is outside Sara's teams.
    const outside = f.admin.vault.db.prepare("UPDATE cases SET team_id = NULL, supervisor_id = NULL WHERE id = ? RETURNING id").get(caseB) as { id: string };
    try {
      expect(await codeOf(() => exportSubjectAccess(f.supervisor, { caseId: outside.id, format: 'json', language: 'en' }, choose))).toBe('NOT_FOUND');
    } finally {
      f.admin.vault.db.prepare('UPDATE cases SET team_id = ?, supervisor_id = ? WHERE id = ?').run(f.teamId, f.supervisor.accountId, caseB);
    }
    expect(asked).toBe(0);
  });
});

describe('audit and traces', () => {
  it('each export is audited with what kind, never the content or the path', () => {
    const reports = auditRows('case.report_exported');
    const access = auditRows('case.subject_access_exported');
    expect(reports.length).toBeGreaterThanOrEqual(6);
    expect(access).toHaveLength(2);
    expect(JSON.parse(reports[0]!.detail)).toMatchObject({ format: 'pdf', identity: false, language: 'en' });
    expect(access.map((r) => JSON.parse(r.detail) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ format: 'json', identitySealed: false, attachmentBytes: true }),
      expect.objectContaining({ format: 'pdf', identitySealed: true }),
    ]);
    expect(access.every((r) => r.actor_id === f.supervisor.accountId && r.target === caseA)).toBe(true);
    const all = JSON.stringify([...reports, ...access]);
    for (const value of [...Object.values(A), ...Object.values(B), out.dir, 'export-']) expect(all, value).not.toContain(value);
    expect(verifyAuditChain(f.admin.vault.db).problems).toEqual([]);
  });

  it('leaves no temp file: only the chosen files exist, and no file in the data folder or the temp folder holds a value', () => {
    const written = fs.readdirSync(out.dir);
    expect(written).toHaveLength(counter);
    for (const name of written) expect(name).toMatch(/^export-\d+\.(pdf|json)$/);
    const values = [A.given, A.family, A.shelter, A.note, A.clinical].map((v) => Buffer.from(v));
    const scan = (dir: string, depth: number) => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (full === out.dir) continue; // the exports themselves, chosen by the person
        if (entry.isDirectory() && depth > 0) scan(full, depth - 1);
        else if (entry.isFile()) {
          let bytes: Buffer;
          try {
            const stat = fs.statSync(full);
            if (stat.size > 50 * 1024 * 1024) continue;
            bytes = fs.readFileSync(full);
          } catch {
            continue;
          }
          for (const v of values) expect(bytes.includes(v), `${full}`).toBe(false);
        }
      }
    };
    scan(f.dir, 3);
    // The OS temp folder itself (its files; other runs' folders are not ours to read).
    scan(os.tmpdir(), 0);
  });
});

describe('the PDF writer', () => {
  it('removes the partial file when building fails', async () => {
    const file = nextFile('pdf');
    await expect(
      writePdf(file, { title: 'x', lang: 'en', footer: { text: 'Confidential', page: (n, m) => `${n}/${m}` } }, (w) => {
        w.title('Begun');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(fs.existsSync(file)).toBe(false);
    counter--;
  });

  it('prints Spanish accents and marks of the built-in fonts (WinAnsi)', async () => {
    const file = nextFile('pdf');
    const phrase = '¿Cuándo? ¡Sí! Niñez, pingüino, acción, útil, índice — € ✓';
    await writePdf(file, { title: 'x', lang: 'es', footer: { text: 'Confidencial', page: (n, m) => `Página ${n} de ${m}` } }, (w) => w.paragraph(phrase));
    const text = (await pdfText(file)).join('\n');
    expect(text).toContain('¿Cuándo? ¡Sí! Niñez, pingüino, acción, útil, índice — € ?');
    expect(text).toContain('Página 1 de 1');
    fs.rmSync(file);
    counter--;
  });
});
