import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase, getCaseFile, saveIdentity } from '../../../src/main/core/cases/service';
import { addAttachment, readAttachment, suggestedCopyName } from '../../../src/main/core/cases/attachments';
import { caseHistory } from '../../../src/main/core/cases/queries';
import { createAccount } from '../../../src/main/core/users/service';
import { verifyAuditChain } from '../../../src/main/core/audit/chain';
import { createRouter } from '../../../src/main/core/ipc/router';
import type { SaveFileKind } from '../../../src/main/core/app/app-core';
import type { Session } from '../../../src/main/core/users/session';
import { makeCaseVault } from '../../support/case-fixture';
import { sessionAs } from '../../support/sessions';
import { makeTempDir } from '../../support/temp-dir';

/**
 * Saving a copy of an attachment and deleting one (issue 3 §3), through the router as the
 * renderer calls them: who may, the version a delete is based on, the history and the audit
 * trail, the file written where the (fake) save dialog said, and the bytes gone from the database.
 */
let f: Awaited<ReturnType<typeof makeCaseVault>>;
let coordinator: Session;
let out: ReturnType<typeof makeTempDir>;
let chosen: string | null = null;
const asked: { suggestedName: string; kind: SaveFileKind }[] = [];
let router: ReturnType<typeof createRouter>;

beforeAll(async () => {
  f = await makeCaseVault();
  out = makeTempDir('amparo-attachment-copy-');
  await createAccount(f.admin, { username: 'cora.coord', displayName: 'Cora Coordinadora', role: 'coordinator', initialPassphrase: 'coordinator lantern harbour 9x', teamId: null });
  coordinator = await sessionAs(f.admin.vault, 'cora.coord', 'coordinator lantern harbour 9x');
  // The shell's save dialog cannot run here: a fake that records what it was asked.
  Object.assign(f.core, {
    pickSavePath: async (suggestedName: string, kind: SaveFileKind) => {
      asked.push({ suggestedName, kind });
      return chosen;
    },
  });
  router = createRouter(f.core, { onInternalError: (e) => console.error(e) });
});
afterAll(() => {
  out.remove();
  f.cleanup();
});

const MARKER = 'ATTACHMENT-MARKER-certificado-medico-7731';
/** A PDF as far as sniffing goes (the core never parses it), with text to look for. */
const pdfBytes = (marker = MARKER) => Buffer.from(`%PDF-1.4\n% ${marker}\n${'x'.repeat(9000)}\n%%EOF\n`, 'latin1');

async function call<T>(session: Session, channel: string, payload: unknown): Promise<T> {
  const envelope = await router.handle(session, channel, payload);
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
  return envelope.value as T;
}
const code = (c: string) => expect.objectContaining({ code: c }) as unknown as Error;

/** Every byte the data key reveals: all pages of the database as SQLite reads them, free ones too. */
function databasePages(): string {
  return f.admin.vault.db.serialize().toString('latin1');
}

function auditOf(action: string, caseId: string): Record<string, unknown>[] {
  return (f.admin.vault.db.prepare('SELECT detail FROM audit_log WHERE action = ? AND target = ? ORDER BY seq').pluck().all(action, caseId) as string[]).map((d) => JSON.parse(d) as Record<string, unknown>);
}

describe('attachments: save a copy', () => {
  it('writes the exact bytes where the dialog said, suggests the name, and audits type and size only', async () => {
    const { id } = createCase(f.worker, { office: 'Lima' });
    const a = addAttachment(f.worker, id, { name: 'certificado médico', bytes: pdfBytes() });
    chosen = path.join(out.dir, 'copy.pdf');
    const result = await call<{ bytes: number }>(f.worker, 'attachments.saveCopy', { attachmentId: a.id });
    expect(result).toEqual({ bytes: pdfBytes().byteLength });
    expect(fs.readFileSync(chosen)).toEqual(pdfBytes());
    expect(asked.at(-1)).toEqual({ suggestedName: 'certificado médico.pdf', kind: 'attachment' });
    const [entry] = auditOf('case.attachment_exported', id);
    expect(entry).toEqual({ kind: 'application/pdf', bytes: pdfBytes().byteLength });
    expect(JSON.stringify(auditOf('case.attachment_exported', id))).not.toContain('certificado');
    // The supervisor of the team may too.
    chosen = path.join(out.dir, 'copy-2.pdf');
    await call(f.supervisor, 'attachments.saveCopy', { attachmentId: a.id });
    expect(fs.readFileSync(chosen)).toEqual(pdfBytes());
  });

  it('cancelled: nothing written, nothing audited', async () => {
    const { id } = createCase(f.worker, {});
    const a = addAttachment(f.worker, id, { name: 'scan.pdf', bytes: pdfBytes() });
    chosen = null;
    expect(await call(f.worker, 'attachments.saveCopy', { attachmentId: a.id })).toBeNull();
    expect(auditOf('case.attachment_exported', id)).toEqual([]);
  });

  it('another case’s caseworker gets NOT_FOUND before any dialog; coordinator and administrator FORBIDDEN', async () => {
    const { id } = createCase(f.worker, {});
    const a = addAttachment(f.worker, id, { name: 'scan.pdf', bytes: pdfBytes() });
    const before = asked.length;
    chosen = path.join(out.dir, 'never.pdf');
    await expect(call(f.other, 'attachments.saveCopy', { attachmentId: a.id })).rejects.toThrowError(code('NOT_FOUND'));
    await expect(call(coordinator, 'attachments.saveCopy', { attachmentId: a.id })).rejects.toThrowError(code('FORBIDDEN'));
    await expect(call(f.admin, 'attachments.saveCopy', { attachmentId: a.id })).rejects.toThrowError(code('FORBIDDEN'));
    await expect(call(f.worker, 'attachments.saveCopy', { attachmentId: '00000000-0000-4000-8000-000000000000' })).rejects.toThrowError(code('NOT_FOUND'));
    expect(asked.length).toBe(before);
    expect(fs.existsSync(chosen)).toBe(false);
  });

  it('suggests a name with the extension of the file’s type', () => {
    expect(suggestedCopyName('photo', 'image/png')).toBe('photo.png');
    expect(suggestedCopyName('scan.PDF', 'application/pdf')).toBe('scan.PDF');
    expect(suggestedCopyName('face.jpeg', 'image/jpeg')).toBe('face.jpeg');
    expect(suggestedCopyName('notes.txt', 'application/octet-stream')).toBe('notes.txt');
  });
});

describe('attachments: delete', () => {
  it('with a reason, on the current case version: history keeps name and reason, audit neither; a new case version', async () => {
    const { id } = createCase(f.worker, {});
    const a = addAttachment(f.worker, id, { name: 'duplicado.pdf', bytes: pdfBytes() });
    const version = getCaseFile(f.worker, id).header.stamp.version;
    const header = await call<{ stamp: { version: number } }>(f.worker, 'attachments.delete', { caseId: id, attachmentId: a.id, version, reason: 'Subido dos veces' });
    expect(header.stamp.version).toBe(version + 1);
    expect(getCaseFile(f.worker, id).attachments).toEqual([]);
    expect(() => readAttachment(f.worker, a.id)).toThrowError(code('NOT_FOUND'));
    const history = caseHistory(f.worker, id).filter((h) => h.part === 'attachment');
    expect(history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ recordId: a.id, field: 'name', oldValue: '"duplicado.pdf"', newValue: null }),
        expect.objectContaining({ recordId: a.id, field: 'deletionReason', oldValue: null, newValue: '"Subido dos veces"' }),
      ]),
    );
    const audit = auditOf('case.changed', id).filter((d) => d.part === 'attachment');
    expect(audit.at(-1)).toEqual({ part: 'attachment', record: 'deleted', kind: 'application/pdf', bytes: pdfBytes().byteLength });
    expect(JSON.stringify(audit)).not.toMatch(/duplicado|Subido/);
    expect(verifyAuditChain(f.admin.vault.db).problems).toEqual([]);
  });

  it('a stale version is refused and nothing is deleted; the supervisor may delete with the current one', async () => {
    const { id } = createCase(f.worker, {});
    const a = addAttachment(f.worker, id, { name: 'a.pdf', bytes: pdfBytes() });
    const b = addAttachment(f.worker, id, { name: 'b.pdf', bytes: pdfBytes() });
    const version = getCaseFile(f.worker, id).header.stamp.version;
    await call(f.worker, 'attachments.delete', { caseId: id, attachmentId: a.id, version, reason: 'wrong file' });
    await expect(call(f.supervisor, 'attachments.delete', { caseId: id, attachmentId: b.id, version, reason: 'old view' })).rejects.toThrowError(code('STALE_WRITE'));
    expect(getCaseFile(f.worker, id).attachments.map((x) => x.id)).toEqual([b.id]);
    await call(f.supervisor, 'attachments.delete', { caseId: id, attachmentId: b.id, version: version + 1, reason: 'not needed' });
    expect(getCaseFile(f.worker, id).attachments).toEqual([]);
  });

  it('another case’s caseworker gets NOT_FOUND; coordinator and administrator FORBIDDEN; a reason is required', async () => {
    const { id } = createCase(f.worker, {});
    const a = addAttachment(f.worker, id, { name: 'a.pdf', bytes: pdfBytes() });
    const version = getCaseFile(f.worker, id).header.stamp.version;
    const input = { caseId: id, attachmentId: a.id, version, reason: 'x' };
    await expect(call(f.other, 'attachments.delete', input)).rejects.toThrowError(code('NOT_FOUND'));
    await expect(call(coordinator, 'attachments.delete', input)).rejects.toThrowError(code('FORBIDDEN'));
    await expect(call(f.admin, 'attachments.delete', input)).rejects.toThrowError(code('FORBIDDEN'));
    await expect(call(f.worker, 'attachments.delete', { ...input, reason: '   ' })).rejects.toThrowError(code('BAD_REQUEST'));
    // An attachment of another case, named with this case's id: no such attachment here.
    const other = createCase(f.other, {});
    const foreign = addAttachment(f.other, other.id, { name: 'x.pdf', bytes: pdfBytes() });
    await expect(call(f.worker, 'attachments.delete', { ...input, attachmentId: foreign.id })).rejects.toThrowError(code('NOT_FOUND'));
    expect(getCaseFile(f.worker, id).attachments).toHaveLength(1);
    expect(getCaseFile(f.other, other.id).attachments).toHaveLength(1);
  });

  it('the identity photo in use cannot be deleted; a photo no longer in use can', async () => {
    const { id } = createCase(f.worker, {});
    const png = (s: string) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(s)]);
    const first = addAttachment(f.worker, id, { name: 'first.png', bytes: png('first') });
    const second = addAttachment(f.worker, id, { name: 'second.png', bytes: png('second') });
    const identityVersion = () => getCaseFile(f.worker, id).identity.stamp.version;
    saveIdentity(f.worker, id, identityVersion(), { givenNames: 'N', photoAttachmentId: first.id });
    const version = getCaseFile(f.worker, id).header.stamp.version;
    await expect(call(f.worker, 'attachments.delete', { caseId: id, attachmentId: first.id, version, reason: 'x' })).rejects.toThrowError(code('BAD_REQUEST'));
    saveIdentity(f.worker, id, identityVersion(), { givenNames: 'N', photoAttachmentId: second.id });
    await call(f.worker, 'attachments.delete', { caseId: id, attachmentId: first.id, version, reason: 'old photo' });
    expect(getCaseFile(f.worker, id).attachments.map((x) => x.id)).toEqual([second.id]);
  });

  it('removes the bytes from the database: no page, free or used, holds them after', async () => {
    const marker = 'DELETE-ME-0c9e1f-pasaporte-escaneado';
    const { id } = createCase(f.worker, {});
    const a = addAttachment(f.worker, id, { name: 'pasaporte.pdf', bytes: pdfBytes(marker) });
    expect(databasePages()).toContain(marker); // the scan does see attachment bytes
    await call(f.worker, 'attachments.delete', { caseId: id, attachmentId: a.id, version: getCaseFile(f.worker, id).header.stamp.version, reason: 'duplicate' });
    expect(databasePages()).not.toContain(marker);
    // The write-ahead log was checkpointed and emptied: no older frame keeps them either.
    const wal = `${f.admin.vault.db.name}-wal`;
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
  });
});
