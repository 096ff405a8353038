import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { AppError } from '../../src/shared/errors';
import type { PackagePart } from '../../src/shared/referrals';
import { createCase, getCaseFile } from '../../src/main/core/cases/service';
import { addRecord } from '../../src/main/core/cases/records';
import { verifyAuditChain } from '../../src/main/core/audit/chain';
import { searchCases } from '../../src/main/core/cases/queries';
import { exportOrganisationKey, fingerprintOf, organisationPublicKeys, organisationSecrets, setOrganisationName } from '../../src/main/core/referrals/organisation';
import { addPartner, listPartners, readKeyFile } from '../../src/main/core/referrals/partners';
import { openPackage, writePackage, PACKAGE_FORMAT, PACKAGE_VERSION, type PackageContent } from '../../src/main/core/referrals/package-format';
import { acceptReferral, openWithVault, previewReferral } from '../../src/main/core/referrals/receive';
import { sendReferral } from '../../src/main/core/referrals/send';
import type { Session } from '../../src/main/core/users/session';
import { makeCaseVault } from '../support/case-fixture';
import { makeCoreWithVault } from '../support/core-fixture';
import { makeTempDir } from '../support/temp-dir';

/**
 * Referral packages (issue 6 §2, §5) between two real vaults (and a third that is not the
 * recipient): keys exchanged as files with their fingerprints; a package sent from a case with the
 * person's consent opens only in the partner's vault, any changed byte or a signature that is not
 * the sender's is refused, without consent nothing is written, and the file holds no plaintext.
 */

const SENDER_NAME = 'Casa Refugio Lima';
const PARTNER_NAME = 'Asistencia Legal Tumbes';
const SECRETS = {
  given: 'Rosalinda Quispe-Mamani',
  family: 'Huamán Ticona',
  shelter: 'Casa de acogida Santa Rosa, Jr. Ayacucho 1150',
  note: 'She described the restaurant in Tacna where the owner kept her passport in a safe.',
  reason: 'Needs legal counsel for the criminal complaint in Tumbes next month.',
};

type CaseVault = Awaited<ReturnType<typeof makeCaseVault>>;
let sender: CaseVault;
let partner: CaseVault;
let other: Awaited<ReturnType<typeof makeCoreWithVault>>;
const out = makeTempDir('amparo-referral-test-');

async function exchangeKey(from: Session, to: Session, name: string): Promise<string> {
  const file = path.join(out.dir, `${name}.amparo-key`);
  const exported = await exportOrganisationKey(from, async () => file);
  const preview = readKeyFile(to, new Uint8Array(fs.readFileSync(file)));
  expect(preview.organisation).toBe(name);
  expect(preview.fingerprint).toBe(exported!.fingerprint);
  return addPartner(to, { name: preview.organisation, encryptionKey: preview.encryptionKey, signingKey: preview.signingKey, fingerprint: preview.fingerprint, confirmed: true }).id;
}

let partnerIdAtSender: string;
let caseId: string;
let consentId: string;
let fileCounter = 0;

async function send(session: Session, parts: PackagePart[], options: { caseId?: string; overrideReason?: string } = {}): Promise<{ file: string; result: Awaited<ReturnType<typeof sendReferral>> }> {
  const file = path.join(out.dir, `package-${++fileCounter}.amparo-referral`);
  const result = await sendReferral(session, { caseId: options.caseId ?? caseId, partnerId: partnerIdAtSender, parts, servicesRequested: ['legal-counselling'], reason: SECRETS.reason, overrideReason: options.overrideReason ?? '' }, async () => file);
  return { file, result };
}

const bytesOf = (file: string) => new Uint8Array(fs.readFileSync(file));
const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
};

beforeAll(async () => {
  sender = await makeCaseVault();
  partner = await makeCaseVault();
  other = await makeCoreWithVault();
  setOrganisationName(sender.admin, SENDER_NAME);
  setOrganisationName(partner.admin, PARTNER_NAME);
  setOrganisationName(other.core.session!, 'Otra Organización');
  partnerIdAtSender = await exchangeKey(partner.admin, sender.admin, PARTNER_NAME);
  await exchangeKey(sender.admin, partner.admin, SENDER_NAME);
  // The third vault knows the sender too: it is refused for not being the recipient, not for the sender.
  await exchangeKey(sender.admin, other.core.session!, SENDER_NAME);

  const header = createCase(sender.worker, {
    office: 'Lima',
    identity: { givenNames: SECRETS.given, familyNames: SECRETS.family, shelter: SECRETS.shelter },
    profile: { gender: 'Feminine', ageAtIdentification: 24, citizenship: ['PE'] },
    consents: [{ purpose: 'sharing', organisation: PARTNER_NAME, givenBy: 'the person', givenOn: '2026-03-02', method: 'written' }],
  });
  caseId = header.id;
  addRecord(sender.worker, caseId, 'note', { writtenOn: '2026-03-03', body: SECRETS.note });
  addRecord(sender.worker, caseId, 'risk', { assessedOn: '2026-03-03', level: 'high', urgentProtection: true });
  consentId = getCaseFile(sender.worker, caseId).records.find((r) => r.kind === 'consent')!.id;
}, 120_000);

afterAll(() => {
  sender?.cleanup();
  partner?.cleanup();
  other?.cleanup();
  out.remove();
});

describe('organisation keys', () => {
  it('exchanges public key files with a fingerprint; a damaged file or our own key is refused', async () => {
    expect(listPartners(sender.admin.vault.db).map((p) => p.name)).toEqual([PARTNER_NAME]);
    const file = path.join(out.dir, 'sender.amparo-key');
    await exportOrganisationKey(sender.admin, async () => file);
    const text = fs.readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'amparo-organisation-key', organisation: SENDER_NAME, fingerprint: fingerprintOf(organisationPublicKeys(sender.admin)) });
    // No secret half in the file: only the two public keys.
    const { encryption, signing } = organisationSecrets(sender.admin);
    expect(text).not.toContain(Buffer.from(encryption).toString('base64'));
    expect(text).not.toContain(Buffer.from(signing).toString('base64'));
    // A key in the file that does not match the fingerprint it states.
    const parsed = JSON.parse(text) as Record<string, string>;
    const other32 = Buffer.from(ed25519.getPublicKey(ed25519.utils.randomSecretKey())).toString('base64');
    const damaged = new TextEncoder().encode(JSON.stringify({ ...parsed, signingKey: other32 }));
    expect(codeOf(() => readKeyFile(partner.admin, damaged))).toBe('PARTNER_KEY_INVALID');
    expect(codeOf(() => readKeyFile(sender.admin, new TextEncoder().encode(text)))).toBe('PARTNER_KEY_INVALID');
    expect(readKeyFile(partner.admin, new TextEncoder().encode(text)).knownAs).toBe(SENDER_NAME);
  });
});

describe('referral packages between two vaults', () => {
  it('round trip: the partner previews the package and creates a case marked as an incoming referral', async () => {
    const { file, result } = await send(sender.worker, ['identity', 'profile', 'consent', 'risk', 'note']);
    expect(result).toMatchObject({ parts: ['identity', 'profile', 'consent', 'risk', 'note'], identityLeftOut: false });
    // The referral is on the case, pending, with the consent it used; and in the audit trail.
    const referral = getCaseFile(sender.worker, caseId).records.find((r) => r.id === result!.recordId)!;
    expect(referral.data).toMatchObject({ direction: 'out', organisation: PARTNER_NAME, status: 'pending', consentId });
    const sent = sender.admin.vault.db.prepare("SELECT detail FROM audit_log WHERE action = 'referral.sent' AND target = ?").all(caseId) as { detail: string }[];
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.at(-1)!.detail).not.toContain(SECRETS.given);

    const preview = previewReferral(partner.worker, { name: 'p.amparo-referral', bytes: bytesOf(file) })!;
    expect(preview).toMatchObject({ sender: SENDER_NAME, parts: ['identity', 'profile', 'consent', 'risk', 'note'], recordCounts: { consent: 1, risk: 1, note: 1 } });
    expect(JSON.stringify(preview)).not.toContain(SECRETS.given);

    const created = acceptReferral(partner.worker, preview.token);
    expect(created.assignedIds).toEqual([partner.worker.accountId]);
    const received = getCaseFile(partner.worker, created.id);
    expect(received.identity.data).toMatchObject({ givenNames: SECRETS.given, familyNames: SECRETS.family, shelter: SECRETS.shelter });
    expect(received.sections.profile.data).toMatchObject({ gender: 'Feminine', ageAtIdentification: 24, referralSource: 'NGO', referralSourceDetail: SENDER_NAME });
    expect(received.records.find((r) => r.kind === 'note')!.data).toMatchObject({ body: SECRETS.note });
    expect(received.records.find((r) => r.kind === 'referral')!.data).toMatchObject({ direction: 'in', organisation: SENDER_NAME, reason: SECRETS.reason });
    // Through the intake path: sealed identity (not readable by a caseworker of another team... or
    // at all without a wrap), the search index, the history and the audit trail.
    expect(searchCases(partner.worker, 'passport', 10).hits.map((h) => h.caseId)).toContain(created.id);
    expect(codeOf(() => getCaseFile(partner.other, created.id))).toBe('NOT_FOUND');
    expect(partner.admin.vault.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'referral.received' AND target = ?").get(created.id)).toEqual({ n: 1 });
    expect(partner.admin.vault.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'case.created' AND target = ?").get(created.id)).toEqual({ n: 1 });
    expect(verifyAuditChain(partner.admin.vault.db).problems).toEqual([]);
    // A token is good once.
    expect(codeOf(() => acceptReferral(partner.worker, preview.token))).toBe('NOT_FOUND');
  });

  it('the package file holds no plaintext of the case', async () => {
    const { file } = await send(sender.worker, ['identity', 'profile', 'consent', 'risk', 'note']);
    const bytes = fs.readFileSync(file);
    for (const value of [...Object.values(SECRETS), PARTNER_NAME, SENDER_NAME, 'Feminine']) {
      expect(bytes.includes(Buffer.from(value, 'utf8')), value).toBe(false);
      expect(bytes.includes(Buffer.from(value, 'utf16le')), value).toBe(false);
    }
    // Nothing else was left beside it (the write is atomic: no temp file remains).
    expect(fs.readdirSync(out.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('includes the identity only when chosen', async () => {
    const { file, result } = await send(sender.worker, ['profile', 'note']);
    expect(result!.parts).toEqual(['profile', 'note']);
    const opened = openWithVault(partner.worker, bytesOf(file));
    expect(opened.content.identity).toBeUndefined();
    expect(opened.content.records.consent).toBeUndefined();
    const created = acceptReferral(partner.worker, previewReferral(partner.worker, { name: 'p', bytes: bytesOf(file) })!.token);
    expect(getCaseFile(partner.worker, created.id).identity.data).toMatchObject({ givenNames: '', familyNames: '', shelter: '' });
  });

  it('leaves the identity out when the sender cannot open it', async () => {
    // The supervisor of the team, whose wrap of this case's key is removed (as for a case sealed before the team).
    sender.admin.vault.db.prepare('DELETE FROM case_keys WHERE case_id = ? AND recipient = ?').run(caseId, sender.supervisor.accountId);
    const { file, result } = await send(sender.supervisor, ['identity', 'profile']);
    expect(result).toMatchObject({ parts: ['profile'], identityLeftOut: true });
    expect(openWithVault(partner.worker, bytesOf(file)).content.identity).toBeUndefined();
  });

  it('opens only with the partner’s key: another vault is refused, and its key cannot decrypt it', async () => {
    const { file } = await send(sender.worker, ['identity', 'note']);
    const bytes = bytesOf(file);
    expect(codeOf(() => previewReferral(other.core.session!, { name: 'p', bytes }))).toBe('REFERRAL_NOT_FOR_US');
    // Even told it is the recipient, the other vault's private key does not open the content.
    const otherKeys = organisationSecrets(other.core.session!);
    const partnerFingerprint = fingerprintOf(organisationPublicKeys(partner.admin));
    const senderSigning = organisationPublicKeys(sender.admin).signingKey;
    expect(codeOf(() => openPackage(bytes, { ourFingerprint: partnerFingerprint, ourEncryptionSecret: otherKeys.encryption, senderSigningKey: () => senderSigning }))).toBe('REFERRAL_INVALID');
    // The sender itself cannot open what it sent either.
    expect(codeOf(() => openWithVault(sender.admin, bytes))).toBe('REFERRAL_NOT_FOR_US');
    // The partner can.
    expect(openWithVault(partner.worker, bytes).content.identity?.givenNames).toBe(SECRETS.given);
  });

  it('one byte changed anywhere is refused, and nothing is created', async () => {
    const { file } = await send(sender.worker, ['identity', 'profile', 'note']);
    const bytes = bytesOf(file);
    const casesBefore = partner.admin.vault.db.prepare('SELECT count(*) AS n FROM cases').get();
    // Every byte of the header and signature (the start and end of the file), and a spread through the ciphertext.
    const positions = new Set<number>();
    for (let i = 0; i < Math.min(400, bytes.length); i++) positions.add(i);
    for (let i = Math.max(0, bytes.length - 200); i < bytes.length; i++) positions.add(i);
    for (let i = 0; i < bytes.length; i += 37) positions.add(i);
    const codes = new Set<string>();
    for (const at of positions) {
      for (const change of [0x01, 0x20]) {
        const altered = bytes.slice();
        altered[at] = altered[at]! ^ change;
        const code = codeOf(() => openWithVault(partner.worker, altered));
        expect(code, `byte ${at} ^ ${change}`).not.toBeNull();
        codes.add(code!);
      }
    }
    expect([...codes].every((c) => ['REFERRAL_INVALID', 'REFERRAL_NOT_FOR_US', 'REFERRAL_UNKNOWN_SENDER', 'REFERRAL_SIGNATURE_INVALID'].includes(c))).toBe(true);
    expect(codes.has('REFERRAL_SIGNATURE_INVALID')).toBe(true);
    // Also a byte added or removed at the end.
    expect(codeOf(() => openWithVault(partner.worker, new Uint8Array([...bytes, 0x0a])))).toBe('REFERRAL_INVALID');
    expect(codeOf(() => openWithVault(partner.worker, bytes.slice(0, -1)))).toBe('REFERRAL_INVALID');
    // Through the channel's code path: refused and audited, no case created.
    const altered = bytes.slice();
    altered[bytes.length - 300] = altered[bytes.length - 300]! ^ 0x01;
    expect(codeOf(() => previewReferral(partner.worker, { name: 'p', bytes: altered }))).not.toBeNull();
    expect(partner.admin.vault.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual(casesBefore);
    expect((partner.admin.vault.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'referral.refused'").get() as { n: number }).n).toBeGreaterThan(0);
  });

  it('a signature that is not the sender’s is refused; so is a sender not in the directory', () => {
    const content: PackageContent = { referral: { servicesRequested: [], reason: '', referredOn: '2026-03-04' }, senderCaseCode: 'AR-2026-0001', sections: { profile: undefined }, records: {} };
    const partnerKeys = organisationPublicKeys(partner.admin);
    const senderFingerprint = fingerprintOf(organisationPublicKeys(sender.admin));
    const header = (from: string) => ({ format: PACKAGE_FORMAT, version: PACKAGE_VERSION, senderFingerprint: from, recipientFingerprint: fingerprintOf(partnerKeys), createdAt: '2026-03-04T10:00:00.000Z' }) as const;
    const impostor = ed25519.utils.randomSecretKey();
    // Claims to be from our partner, signed by another key.
    const forged = writePackage(content, { header: header(senderFingerprint), recipientEncryptionKey: partnerKeys.encryptionKey, senderSigningSecret: impostor });
    expect(codeOf(() => openWithVault(partner.worker, forged))).toBe('REFERRAL_SIGNATURE_INVALID');
    expect(codeOf(() => previewReferral(partner.worker, { name: 'p', bytes: forged }))).toBe('REFERRAL_SIGNATURE_INVALID');
    // From an organisation we never added.
    const stranger = writePackage(content, { header: header('0123456789ABCDEF0123456789ABCDEF'), recipientEncryptionKey: partnerKeys.encryptionKey, senderSigningSecret: impostor });
    expect(codeOf(() => openWithVault(partner.worker, stranger))).toBe('REFERRAL_UNKNOWN_SENDER');
    // The genuine signature, for comparison, opens.
    const { signing } = organisationSecrets(sender.admin);
    expect(openWithVault(partner.worker, writePackage(content, { header: header(senderFingerprint), recipientEncryptionKey: partnerKeys.encryptionKey, senderSigningSecret: signing })).content.senderCaseCode).toBe('AR-2026-0001');
  });

  it('without consent the package is refused: no dialog, no file, no record, no audit entry', async () => {
    const bare = createCase(sender.worker, { identity: { givenNames: SECRETS.given }, profile: {} });
    // Consent for another organisation, and a withdrawn one for this one: neither counts.
    addRecord(sender.worker, bare.id, 'consent', { purpose: 'sharing', organisation: 'Another NGO', givenBy: 'the person', givenOn: '2026-03-01', method: 'verbal-witnessed' });
    addRecord(sender.worker, bare.id, 'consent', { purpose: 'sharing', organisation: PARTNER_NAME, givenBy: 'the person', givenOn: '2026-03-01', method: 'verbal-witnessed', withdrawnOn: '2026-03-02' });
    const before = fs.readdirSync(out.dir).length;
    let asked = false;
    const attempt = sendReferral(sender.worker, { caseId: bare.id, partnerId: partnerIdAtSender, parts: ['identity', 'profile'] }, async () => {
      asked = true;
      return path.join(out.dir, 'never.amparo-referral');
    });
    await expect(attempt).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });
    expect(asked).toBe(false);
    expect(fs.readdirSync(out.dir).length).toBe(before);
    expect(getCaseFile(sender.worker, bare.id).records.filter((r) => r.kind === 'referral')).toEqual([]);
    expect(sender.admin.vault.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'referral.sent' AND target = ?").get(bare.id)).toEqual({ n: 0 });
    // A caseworker's "override" is not one.
    await expect(send(sender.worker, ['profile'], { caseId: bare.id, overrideReason: 'urgent' })).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });

    // A supervisor's override with a reason is recorded and audited; a caseworker may then send under it.
    const { result } = await send(sender.supervisor, ['profile'], { caseId: bare.id, overrideReason: 'Imminent danger; the person cannot be reached.' });
    const record = getCaseFile(sender.supervisor, bare.id).records.find((r) => r.id === result!.recordId)!;
    expect(record.data).toMatchObject({ direction: 'out', status: 'pending', overrideReason: 'Imminent danger; the person cannot be reached.' });
    expect(sender.admin.vault.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'case.consent_override' AND target = ?").get(bare.id)).toEqual({ n: 1 });
    const again = await send(sender.worker, ['profile'], { caseId: bare.id });
    expect(again.result!.recordId).toBe(result!.recordId);
  });

  it('a case the sender cannot see cannot be sent', async () => {
    await expect(send(sender.other, ['profile'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
