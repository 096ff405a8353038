import { randomBytes } from 'node:crypto';
import type { CaseHeader } from '../../../shared/case-file/case';
import { AppError } from '../../../shared/errors';
import type { PackagePart, ReferralPreview } from '../../../shared/referrals';
import { appendAudit } from '../audit/chain';
import { wipe } from '../crypto/bytes';
import { createCases } from '../cases/batch';
import { today } from '../cases/context';
import { getCaseRow, toHeader } from '../cases/repository';
import type { Session } from '../users/session';
import type { PickedFile } from '../app/app-core';
import { fingerprintOf, organisationPublicKeys, organisationSecrets } from './organisation';
import { MAX_PACKAGE_BYTES, RECORD_PARTS, SECTION_PARTS, openPackage, type PackageContent, type PackageHeader } from './package-format';
import { partnerByFingerprint, type PartnerKeys } from './partners';

/**
 * Receiving a package (issue 6 §2): the file chosen in the main process's dialog is checked and
 * opened; the person sees who sent it, when and which parts (no content); on confirmation a new
 * case is created through the intake path (history, audit, sealed identity, search index),
 * marked as an incoming referral. Between the two steps only the package's encrypted bytes are
 * kept, in memory, for this session; the content is opened again on confirmation.
 */
interface Pending {
  bytes: Uint8Array;
  expires: number;
}
const PENDING_MS = 30 * 60 * 1000;
const MAX_PENDING = 4;
const pendingBySession = new WeakMap<Session, Map<string, Pending>>();

function pendingOf(session: Session): Map<string, Pending> {
  let map = pendingBySession.get(session);
  if (!map) pendingBySession.set(session, (map = new Map()));
  const now = Date.now();
  for (const [token, p] of map) if (p.expires < now) map.delete(token);
  return map;
}

/** Checks and opens a package with this vault's key and partner directory. */
export function openWithVault(session: Session, bytes: Uint8Array): { header: PackageHeader; content: PackageContent; sender: PartnerKeys } {
  const ourFingerprint = fingerprintOf(organisationPublicKeys(session));
  const { encryption, signing } = organisationSecrets(session);
  wipe(signing);
  const found: { sender: PartnerKeys | null } = { sender: null };
  try {
    const opened = openPackage(bytes, {
      ourFingerprint,
      ourEncryptionSecret: encryption,
      senderSigningKey: (fingerprint) => {
        found.sender = partnerByFingerprint(session.vault.db, fingerprint);
        return found.sender?.signingKey ?? null;
      },
    });
    return { ...opened, sender: found.sender! };
  } finally {
    wipe(encryption);
  }
}

function partsOf(content: PackageContent): PackagePart[] {
  const parts: PackagePart[] = [];
  if (content.identity) parts.push('identity');
  for (const s of SECTION_PARTS) if (content.sections[s]) parts.push(s);
  for (const k of RECORD_PARTS) if (content.records[k]) parts.push(k);
  return parts;
}

/** Refusals are audited (which check failed; nothing of the file). */
function refused(session: Session, error: unknown): never {
  if (error instanceof AppError) {
    const at = session.vault.location.now().toISOString();
    try {
      session.vault.db.transaction(() => appendAudit(session.vault.db, { at, actorId: session.accountId, action: 'referral.refused', detail: { reason: error.code } }))();
    } catch {
      // the refusal stands even if it could not be recorded
    }
  }
  throw error;
}

/** Step 1 (channel `referrals.open`): the preview of the file chosen, or null when cancelled. */
export function previewReferral(session: Session, file: PickedFile | null): ReferralPreview | null {
  if (!file) return null;
  if (file.bytes.length > MAX_PACKAGE_BYTES) refused(session, new AppError('REFERRAL_INVALID', 'This file is too large to be a referral package. Nothing was imported.'));
  let opened: ReturnType<typeof openWithVault>;
  try {
    opened = openWithVault(session, file.bytes);
  } catch (error) {
    refused(session, error);
  }
  const { header, content, sender } = opened;
  const pending = pendingOf(session);
  while (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value!);
  const token = randomBytes(16).toString('hex');
  pending.set(token, { bytes: new Uint8Array(file.bytes), expires: Date.now() + PENDING_MS });
  const recordCounts: Record<string, number> = {};
  for (const k of RECORD_PARTS) if (content.records[k]) recordCounts[k] = content.records[k]!.length;
  return {
    token,
    sender: sender.name,
    senderFingerprint: header.senderFingerprint,
    createdAt: header.createdAt,
    parts: partsOf(content),
    recordCounts,
    servicesRequested: content.referral.servicesRequested,
    senderCaseCode: content.senderCaseCode,
  };
}

export function discardReferral(session: Session, token: string): void {
  pendingOf(session).delete(token);
}

/** Step 2 (channel `referrals.accept`): the new case, created as an intake, marked as a referral in. */
export function acceptReferral(session: Session, token: string): CaseHeader {
  const pending = pendingOf(session);
  const held = pending.get(token);
  if (!held) throw new AppError('NOT_FOUND', 'This package is no longer open; open the file again.');
  let opened: ReturnType<typeof openWithVault>;
  try {
    opened = openWithVault(session, held.bytes);
  } catch (error) {
    refused(session, error);
  }
  const { header, content, sender } = opened;
  const parts = partsOf(content);
  const [created] = createCases(
    session,
    [
      {
        office: '',
        openedOn: today(session),
        identity: { ...(content.identity ?? {}), photoAttachmentId: null },
        sections: {
          ...Object.fromEntries(SECTION_PARTS.filter((s) => content.sections[s]).map((s) => [s, content.sections[s] as Record<string, unknown>])),
          // How the case reached us: this partner (whatever the sender had recorded there).
          profile: { ...(content.sections.profile ?? {}), referralSource: 'NGO', referralSourceDetail: sender.name },
        },
        records: [
          ...RECORD_PARTS.flatMap((kind) => (content.records[kind] ?? []).map((data) => ({ kind, data: data as Record<string, unknown> }))),
          {
            kind: 'referral',
            data: {
              direction: 'in',
              organisation: sender.name,
              servicesRequested: content.referral.servicesRequested,
              referredOn: content.referral.referredOn,
              status: 'accepted',
              reason: content.referral.reason,
            },
          },
        ],
      },
    ],
    { audits: [{ action: 'referral.received', detail: { partner: header.senderFingerprint, parts: parts.join(','), sentAt: header.createdAt } }] },
  );
  pending.delete(token);
  return toHeader(session.vault.db, getCaseRow(session.vault.db, created!.id)!);
}
