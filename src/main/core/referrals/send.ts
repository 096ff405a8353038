import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { RecordData } from '../../../shared/case-file/records';
import { RECORD_SCHEMAS } from '../../../shared/case-file/records';
import { SECTION_SCHEMAS } from '../../../shared/case-file/sections';
import { REFERRAL_EXTENSION, referralSendSchema, type PackagePart } from '../../../shared/referrals';
import { appendAudit } from '../audit/chain';
import { wipe } from '../crypto/bytes';
import { writeFileAtomic } from '../fs/atomic-write';
import { assertVisible } from '../cases/access';
import { today, writeContext } from '../cases/context';
import { caseKeyOf, readIdentity } from '../cases/identity';
import { addRecordIn } from '../cases/records';
import { getCaseRow } from '../cases/repository';
import type { Session } from '../users/session';
import { fingerprintOf, organisationPublicKeys, organisationSecrets } from './organisation';
import { PACKAGE_FORMAT, PACKAGE_VERSION, RECORD_PARTS, SECTION_PARTS, writePackage, type PackageContent } from './package-format';
import { partnerById, type PartnerKeys } from './partners';

export type ChooseSavePath = (suggestedName: string) => Promise<string | null>;

type SendInput = z.input<typeof referralSendSchema>;

const sameName = (a: string, b: string) => a.trim().localeCompare(b.trim(), undefined, { sensitivity: 'base' }) === 0;

/**
 * What allows this referral: the person's consent to share with the partner (a consent record
 * for sharing — or for a referral — naming it, not withdrawn), a supervisor's override given now
 * with a reason, or one a supervisor already recorded on the case for this partner (a pending
 * referral out with an override reason), which the package then belongs to. Else refused.
 */
type Basis = { consentId: string } | { overrideReason: string } | { existingRecordId: string };

function consentBasis(session: Session, caseId: string, partner: PartnerKeys, overrideReason: string): Basis {
  const { db } = session.vault;
  const consents = db.prepare("SELECT id, data FROM case_records WHERE case_id = ? AND kind = 'consent' ORDER BY created_at DESC, id DESC").all(caseId) as { id: string; data: string }[];
  for (const row of consents) {
    const c = JSON.parse(row.data) as RecordData<'consent'>;
    if ((c.purpose === 'sharing' || c.purpose === 'referral') && !c.withdrawnOn && sameName(c.organisation, partner.name)) return { consentId: row.id };
  }
  if (overrideReason && session.role === 'supervisor') return { overrideReason };
  const overrides = db
    .prepare(
      `SELECT r.id, r.data FROM case_records r JOIN accounts a ON a.id = r.created_by
       WHERE r.case_id = ? AND r.kind = 'referral' AND a.role = 'supervisor' ORDER BY r.created_at DESC, r.id DESC`,
    )
    .all(caseId) as { id: string; data: string }[];
  for (const row of overrides) {
    const r = JSON.parse(row.data) as RecordData<'referral'>;
    if (r.direction === 'out' && r.status === 'pending' && r.overrideReason && sameName(r.organisation, partner.name)) return { existingRecordId: row.id };
  }
  throw new AppError('CONSENT_REQUIRED', 'There is no recorded consent of the person to share with this organisation (nor a supervisor’s override). Nothing was sent.');
}

/** The parts chosen, read from the case as the sender sees them. */
function gatherContent(session: Session, caseId: string, parts: readonly PackagePart[], input: { servicesRequested: string[]; reason: string }): { content: PackageContent; included: PackagePart[]; identityLeftOut: boolean } {
  const { db } = session.vault;
  const row = getCaseRow(db, caseId)!;
  const chosen = new Set(parts);
  const included: PackagePart[] = [];
  let identityLeftOut = false;
  const content: PackageContent = {
    referral: { servicesRequested: input.servicesRequested as PackageContent['referral']['servicesRequested'], reason: input.reason, referredOn: today(session) },
    senderCaseCode: row.code,
    sections: {},
    records: {},
  };
  if (chosen.has('identity')) {
    // Only if the sender can open it: a sealed identity is left out, never forced open.
    const key = caseKeyOf(session, caseId);
    if (key) {
      wipe(key);
      const identity = readIdentity(session, caseId).data;
      // The photo stays here: attachments do not travel in a package.
      if (identity) {
        content.identity = { ...identity, photoAttachmentId: null };
        included.push('identity');
      }
    } else identityLeftOut = true;
  }
  for (const section of SECTION_PARTS) {
    if (!chosen.has(section)) continue;
    const r = db.prepare('SELECT data FROM case_sections WHERE case_id = ? AND section = ?').get(caseId, section) as { data: string } | undefined;
    (content.sections as Record<string, unknown>)[section] = SECTION_SCHEMAS[section].parse(r ? JSON.parse(r.data) : {});
    included.push(section);
  }
  for (const kind of RECORD_PARTS) {
    if (!chosen.has(kind)) continue;
    const rows = db.prepare('SELECT data FROM case_records WHERE case_id = ? AND kind = ? ORDER BY created_at, id').all(caseId, kind) as { data: string }[];
    (content.records as Record<string, unknown>)[kind] = rows.map((r) => RECORD_SCHEMAS[kind].parse(JSON.parse(r.data)));
    included.push(kind);
  }
  return { content, included, identityLeftOut };
}

export function referralFileName(code: string): string {
  return `referral-${code}.${REFERRAL_EXTENSION}`;
}

/**
 * Sends a case to a partner (channel `referrals.send`): checks consent before anything is asked
 * or written, then the main process's save dialog, then the package (sealed to the partner,
 * signed by us) is written whole or not at all, together with the referral record on the case
 * and the audit entry (which parts, to whom; never content or path). Null when cancelled.
 */
export async function sendReferral(
  session: Session,
  input: SendInput,
  choosePath: ChooseSavePath,
): Promise<{ recordId: string; parts: PackagePart[]; identityLeftOut: boolean } | null> {
  const request = referralSendSchema.parse(input);
  assertVisible(session, request.caseId);
  const { db } = session.vault;
  const partner = partnerById(db, request.partnerId);
  if (!partner) throw new AppError('NOT_FOUND', 'There is no such partner organisation.');
  consentBasis(session, request.caseId, partner, request.overrideReason);
  const code = getCaseRow(db, request.caseId)!.code;

  const target = await choosePath(referralFileName(code));
  if (!target) return null;
  // The vault may have locked (idle, OS lock) while the dialog was open.
  if (!session.vault.isOpen) throw new AppError('NOT_SIGNED_IN', 'Amparo locked while the file was being chosen; nothing was sent.');
  const dataDir = path.resolve(session.vault.location.paths.dataDir);
  const file = path.resolve(target);
  if (file === dataDir || file.startsWith(dataDir + path.sep)) throw new AppError('BAD_REQUEST', 'Save the package outside the data folder of Amparo. Nothing was saved.');
  if (!fs.existsSync(path.dirname(file))) throw new AppError('BAD_REQUEST', 'The folder chosen for the package does not exist. Nothing was saved.');

  // Again, now that the dialog is closed: the case or its consent may have changed meanwhile.
  assertVisible(session, request.caseId);
  const basis = consentBasis(session, request.caseId, partner, request.overrideReason);
  const { content, included, identityLeftOut } = gatherContent(session, request.caseId, request.parts, request);
  if (included.length === 0) throw new AppError('BAD_REQUEST', 'Choose at least one part of the case that you can see. Nothing was sent.');
  const ours = organisationPublicKeys(session);
  const { encryption, signing } = organisationSecrets(session);
  wipe(encryption);
  const at = session.vault.location.now().toISOString();
  let bytes: Uint8Array;
  try {
    bytes = writePackage(content, {
      header: { format: PACKAGE_FORMAT, version: PACKAGE_VERSION, senderFingerprint: fingerprintOf(ours), recipientFingerprint: partner.fingerprint, createdAt: at },
      recipientEncryptionKey: partner.encryptionKey,
      senderSigningSecret: signing,
    });
  } finally {
    wipe(signing);
  }

  const ctx = writeContext(session, request.caseId);
  const recordId = db.transaction(() => {
    let id: string;
    if ('existingRecordId' in basis) id = basis.existingRecordId;
    else {
      id = addRecordIn(ctx, 'referral', {
        direction: 'out',
        organisation: partner.name,
        servicesRequested: request.servicesRequested,
        referredOn: today(session),
        status: 'pending',
        reason: request.reason,
        consentId: 'consentId' in basis ? basis.consentId : null,
        overrideReason: 'overrideReason' in basis ? basis.overrideReason : '',
      });
    }
    appendAudit(db, {
      at,
      actorId: session.accountId,
      action: 'referral.sent',
      target: request.caseId,
      detail: { partner: partner.fingerprint, parts: included.join(','), record: id, basis: 'consentId' in basis ? 'consent' : 'override', bytes: bytes.length },
    });
    // The file and the records go together: a file that cannot be written rolls them back.
    writeFileAtomic(file, bytes);
    return id;
  })();
  return { recordId, parts: included, identityLeftOut };
}
