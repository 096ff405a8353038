import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { AppCore, type OpenFileKind, type PickedFile } from '../../../src/main/core/app/app-core';
import { createRouter, type Router } from '../../../src/main/core/ipc/router';
import { findById, toSessionInfo } from '../../../src/main/core/users/accounts';
import { Session } from '../../../src/main/core/users/session';
import { unlockWithPassphrase, type UnlockedVault } from '../../../src/main/core/vault/vault';
import { formatRecoveryKey } from '../../../src/main/core/vault/recovery-key';
import { fingerprintOf } from '../../../src/main/core/referrals/organisation';
import { syntheticCase } from '../../../src/main/core/cases/synthetic';
import { toBase64 } from '../../../src/main/core/crypto/bytes';
import type { Channel } from '../../../src/shared/contract';
import type { Envelope } from '../../../src/shared/errors';
import { SECTION_NAMES, type SectionName } from '../../../src/shared/case-file/sections';
import { RECORD_KINDS, type RecordKind } from '../../../src/shared/case-file/records';
import { ManualClock } from '../../support/manual-clock';
import { makeTempDir } from '../../support/temp-dir';
import { sessionAs } from '../../support/sessions';

/**
 * The world the channel fuzz (issue 7 §1) runs in: a real vault in a temp folder with real
 * committed data, written through the real router, in two halves.
 *
 * - **Protected**: team Lima (supervisor sara, caseworkers marco and lia), their cases with
 *   identity, sections, services, notes, follow-ups and an attachment, a partner organisation,
 *   and the accounts admin and cora (coordinator). No generated payload may change any of it:
 *   none of the sessions the fuzz uses may touch it legitimately (the supervisor fuzzed leads
 *   another team, the caseworker fuzzed is not assigned to these cases, the administrator gets
 *   no id of them to disable or move), and the snapshot comparison checks that nothing did.
 * - **Sandbox**: team Quito (supervisor sol, caseworkers sam and dana), sam's cases and their
 *   records, a second partner. Valid-shaped payloads aim at these, so the handlers really write
 *   (save, add, update, reassign, close, delete past retention, remove a partner); their rows
 *   may change.
 *
 * The core itself stays signed out: the fuzz sessions share a vault opened beside it (as
 * tests/support/sessions.ts does), so `session.lock` and `auth.login` go through the real core
 * without closing the database under everyone else.
 */

export const WHO = ['none', 'administrator', 'supervisor', 'caseworker', 'coordinator', 'pending'] as const;
export type Who = (typeof WHO)[number];

const ADMIN = { username: 'ana.admin', displayName: 'Ana Administradora', passphrase: 'lantern harbour violet compass' };
const pass = (username: string) => `${username.length} copper kettle garden window ${username.length * 7}`;
export const TODAY = '2026-11-27';

export interface World {
  dir: string;
  core: AppCore;
  router: Router;
  clock: ManualClock;
  vault: UnlockedVault;
  sessions: Record<Who, Session | null>;
  recoveryKey: string;
  /** A well-formed recovery key of no vault: it costs one Argon2id derivation and fails. */
  wrongRecoveryKey: string;
  account: Record<'admin' | 'sara' | 'marco' | 'lia' | 'sol' | 'sam' | 'dana' | 'cora', string>;
  team: { lima: string; quito: string };
  protectedCases: string[];
  sandboxCases: string[];
  /** Closed in 2012: past retention, so `retention.delete` may really delete it. */
  retentionCase: string;
  protectedRecords: { id: string; kind: RecordKind }[];
  sandboxRecords: { id: string; kind: RecordKind; caseId: string }[];
  partner: { protected: string; sandbox: string };
  /** A partner key nobody added yet (valid for `partners.add`). */
  newPartner: { encryptionKey: string; signingKey: string; fingerprint: string };
  sections: Record<SectionName, Record<string, unknown>>;
  records: Record<RecordKind, Record<string, unknown>>;
  identity: Record<string, unknown>;
  intake: Record<string, unknown>;
  /** What the fake open dialog returns next (set by the fuzz before each call). */
  nextFile: (kind: OpenFileKind) => PickedFile | null;
  /** Whether the fake save dialog returns a path (true) or is cancelled (false). */
  saveDialog: { enabled: boolean; count: number };
  internalErrors: unknown[];
  close(): void;
}

async function ok<T>(router: Router, session: Session | null, channel: Channel, payload: unknown): Promise<T> {
  const reply: Envelope<unknown> = await router.handle(session, channel, payload);
  if (!reply.ok) throw new Error(`setup: ${channel} failed with ${reply.error.code}: ${reply.error.message}`);
  return reply.value as T;
}

function partnerKeys() {
  const encryptionKey = x25519.getPublicKey(x25519.utils.randomSecretKey());
  const signingKey = ed25519.getPublicKey(ed25519.utils.randomSecretKey());
  return { encryptionKey: toBase64(encryptionKey), signingKey: toBase64(signingKey), fingerprint: fingerprintOf({ encryptionKey, signingKey }) };
}

/** Valid data for every section and record kind, from the synthetic case generator. */
function sampleData() {
  const sections = {} as Record<SectionName, Record<string, unknown>>;
  const records = {} as Record<RecordKind, Record<string, unknown>>;
  let identity: Record<string, unknown> = {};
  for (let i = 0; i < 400 && (Object.keys(sections).length < SECTION_NAMES.length || Object.keys(records).length < RECORD_KINDS.length); i++) {
    const draft = syntheticCase(7, i, TODAY);
    if (i === 0) identity = draft.identity ?? {};
    for (const [name, data] of Object.entries(draft.sections ?? {})) sections[name as SectionName] ??= data as Record<string, unknown>;
    for (const record of draft.records ?? []) {
      if (record.kind === 'referral' && record.data.direction === 'out') continue; // needs a consent id of its case
      records[record.kind] ??= record.data;
    }
  }
  sections.closure = { reason: 'goals-achieved', closedOn: '2012-03-01', notes: '' };
  return { sections, records, identity };
}

export async function buildWorld(): Promise<World> {
  const temp = makeTempDir('amparo-fuzz-');
  const dir = path.join(temp.dir, 'vault');
  const exportsDir = path.join(temp.dir, 'exports');
  fs.mkdirSync(exportsDir);
  const clock = new ManualClock();
  const saveDialog = { enabled: false, count: 0 };
  const world = {} as World;
  world.nextFile = () => null;
  const core = new AppCore({
    dataDir: dir,
    clock,
    pickFile: async (kind) => world.nextFile(kind ?? 'attachment'),
    pickSavePath: async (suggested) => {
      if (!saveDialog.enabled) return null;
      saveDialog.count += 1;
      // Every export lands in the temp folder, under a name the fuzz chooses (never the suggestion).
      return path.join(exportsDir, `export-${saveDialog.count}${path.extname(suggested).slice(0, 12)}`);
    },
  });
  const internalErrors: unknown[] = [];
  const router = createRouter(core, { onInternalError: (e) => internalErrors.push(e) });

  const { recoveryKey } = await core.createVault(ADMIN);
  core.lockNow('logout');
  const unlocked = await unlockWithPassphrase(core.location, ADMIN.username, ADMIN.passphrase);
  const vault = unlocked.vault;
  const admin = new Session(toSessionInfo(findById(vault.db, unlocked.accountId)!), vault, unlocked.secretKey);

  const create = async (username: string, role: string, teamId: string | null = null) =>
    (await ok<{ id: string }>(router, admin, 'users.create', { username, displayName: username.replace('.', ' '), role, initialPassphrase: pass(username), teamId })).id;
  const sara = await create('sara.sup', 'supervisor');
  const sol = await create('sol.sup', 'supervisor');
  const lima = (await ok<{ id: string }>(router, admin, 'teams.create', { name: 'Lima', supervisorId: sara })).id;
  const quito = (await ok<{ id: string }>(router, admin, 'teams.create', { name: 'Quito', supervisorId: sol })).id;
  const marco = await create('marco.cw', 'caseworker', lima);
  const lia = await create('lia.cw', 'caseworker', lima);
  const sam = await create('sam.cw', 'caseworker', quito);
  const dana = await create('dana.cw', 'caseworker', quito);
  const cora = await create('cora.coord', 'coordinator');
  const as = (username: string) => sessionAs(vault, username, pass(username));
  const [sMarco, sLia, sSol, sSam, sDana, sCora] = [await as('marco.cw'), await as('lia.cw'), await as('sol.sup'), await as('sam.cw'), await as('dana.cw'), await as('cora.coord')];

  await ok(router, admin, 'organisation.setName', { name: 'Amparo Lima' });
  const protectedPartner = partnerKeys();
  const sandboxPartner = partnerKeys();
  const partnerProtected = (await ok<{ id: string }>(router, admin, 'partners.add', { name: 'Casa Protegida', ...protectedPartner, confirmed: true })).id;
  const partnerSandbox = (await ok<{ id: string }>(router, admin, 'partners.add', { name: 'Casa Arena', ...sandboxPartner, confirmed: true })).id;

  const { sections, records, identity } = sampleData();
  const intake = {
    office: 'Lima',
    identity: { givenNames: 'Rosa Elena', familyNames: 'Quispe Mamani', currentLocation: 'Albergue Santa Ana' },
    profile: { gender: 'Feminine', citizenship: ['PE'], ageAtIdentification: 17 },
    consents: [
      { purpose: 'assistance', givenBy: 'the person', givenOn: '2026-11-20', method: 'written' },
      { purpose: 'anonymous-statistics', givenBy: 'the person', givenOn: '2026-11-20', method: 'written' },
    ],
    risk: { assessedOn: '2026-11-20', level: 'high', urgentProtection: true, safetyPlan: 'Cambio de albergue' },
  };

  const attachment = (): PickedFile => ({ name: 'informe.pdf', bytes: new Uint8Array(Buffer.from('%PDF-1.4\n% fuzz fixture\n')) });
  async function richCase(session: Session, out: { id: string; kind: RecordKind; caseId: string }[]) {
    const header = await ok<{ id: string }>(router, session, 'cases.create', intake);
    await ok(router, session, 'cases.saveSection', { caseId: header.id, version: 0, section: 'experience', data: sections.experience });
    await ok(router, session, 'cases.saveSection', { caseId: header.id, version: 0, section: 'legal', data: sections.legal });
    await ok(router, session, 'cases.saveIdentity', { caseId: header.id, version: 1, data: identity });
    for (const kind of ['service', 'note', 'followUp', 'clinical'] as const) {
      const record = await ok<{ id: string }>(router, session, 'records.add', { caseId: header.id, kind, data: records[kind] });
      out.push({ id: record.id, kind, caseId: header.id });
    }
    world.nextFile = attachment;
    await ok(router, session, 'attachments.add', { caseId: header.id });
    world.nextFile = () => null;
    return header.id;
  }

  const protectedRecords: World['sandboxRecords'] = [];
  const sandboxRecords: World['sandboxRecords'] = [];
  const protectedCases = [await richCase(sMarco, protectedRecords), await richCase(sMarco, protectedRecords), await richCase(sLia, protectedRecords)];
  const sandboxCases = [await richCase(sSam, sandboxRecords), await richCase(sSam, sandboxRecords), await richCase(sDana, sandboxRecords)];
  // A case closed in 2012, past the retention period of five years: a supervisor may delete it.
  const old = await ok<{ id: string }>(router, sSam, 'cases.create', { ...intake, profile: {} });
  await ok(router, sSam, 'cases.saveSection', { caseId: old.id, version: 0, section: 'closure', data: sections.closure });
  const versionOf = (caseId: string) => (vault.db.prepare('SELECT version FROM cases WHERE id = ?').get(caseId) as { version: number }).version;
  await ok(router, sSam, 'cases.updateHeader', { caseId: old.id, version: versionOf(old.id), change: { status: 'closed' } });
  // Dana's case is reassigned to sam too, so the fuzzed caseworker can write to every sandbox case.
  const danaCase = sandboxCases[2]!;
  await ok(router, sSol, 'cases.reassign', { caseId: danaCase, version: versionOf(danaCase), assignedIds: [dana, sam], reason: 'cover' });

  const pending = new Session({ ...sDana.info, mustChangePassphrase: true }, vault, sDana.secretKey);
  Object.assign(world, {
    dir,
    core,
    router,
    clock,
    vault,
    sessions: { none: null, administrator: admin, supervisor: sSol, caseworker: sSam, coordinator: sCora, pending },
    recoveryKey,
    wrongRecoveryKey: formatRecoveryKey(new Uint8Array(randomBytes(20))),
    account: { admin: admin.accountId, sara, marco, lia, sol, sam, dana, cora },
    team: { lima, quito },
    protectedCases,
    sandboxCases,
    retentionCase: old.id,
    protectedRecords,
    sandboxRecords,
    partner: { protected: partnerProtected, sandbox: partnerSandbox },
    newPartner: partnerKeys(),
    sections,
    records,
    identity,
    intake,
    saveDialog,
    internalErrors,
    close() {
      core.close();
      vault.lock();
      temp.remove();
    },
  } satisfies Omit<World, 'nextFile'>);
  return world;
}
