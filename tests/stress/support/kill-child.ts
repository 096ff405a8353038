import fs from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { addAttachment } from '../../../src/main/core/cases/attachments';
import { addRecord } from '../../../src/main/core/cases/records';
import { createCase, updateHeader } from '../../../src/main/core/cases/service';
import { findById, toSessionInfo } from '../../../src/main/core/users/accounts';
import { Session } from '../../../src/main/core/users/session';
import { readKeyring } from '../../../src/main/core/vault/keyring';
import { openVault, VaultLocation } from '../../../src/main/core/vault/vault';
import { VOCABULARIES } from '../../../src/shared/vocabularies';

/**
 * The writer that kill-mid-write.test.ts kills with SIGKILL (issue 7 §2). It reads one line of
 * JSON on stdin — the data folder, the vault's data key and a caseworker's account id and secret
 * key, which the test took from that account's slot once (so no Argon2id per start; the keys
 * cross a pipe, never the disk) — opens the vault by the real path (keyring MAC, SQLCipher
 * settings, migrations), prints `R`, then writes cases, header changes, services and
 * attachments in a loop until it is killed. Before each write it prints `B <kind>`; after the
 * write's transaction has returned, one line naming what was committed:
 *
 *   C <caseId> <version>              a case created (intake with consent and risk)
 *   V <caseId> <version> <office>     a header change committed
 *   S <recordId> <caseId> <token>     a service added (its notes are the token)
 *   A <attachmentId> <caseId> <sha256> <size>   an attachment added
 *
 * Every line is written with one synchronous write, so a line the parent reads whole was
 * printed after its commit. Synthetic content only.
 */

interface Start {
  dataDir: string;
  dataKey: string;
  secretKey: string;
  accountId: string;
}

const say = (line: string) => fs.writeSync(1, `${line}\n`);

function readStart(): Start {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(4096);
  for (;;) {
    let n = 0;
    try {
      n = fs.readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      throw error;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, n)));
    if (buffer.subarray(0, n).includes(10)) break;
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Start;
}

const start = readStart();
const location = new VaultLocation({ dataDir: start.dataDir });
const vault = openVault(location, readKeyring(location.paths.keyring), new Uint8Array(Buffer.from(start.dataKey, 'hex')));
const account = findById(vault.db, start.accountId);
if (!account) throw new Error('no such account');
const session = new Session({ ...toSessionInfo(account), mustChangePassphrase: false }, vault, new Uint8Array(Buffer.from(start.secretKey, 'hex')));

/** The cases this writer may add to: the latest ones, with their versions. */
const cases = (vault.db.prepare('SELECT id, version FROM cases ORDER BY created_at DESC, id LIMIT 8').all() as { id: string; version: number }[]).map((c) => ({ ...c }));
const serviceTypes = VOCABULARIES.serviceType.items.filter((i) => i.group === 'shelter' || i.group === 'medical' || i.group === 'legal');
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const token = () => randomBytes(6).toString('hex');

say('R');
for (;;) {
  const roll = Math.random();
  if (cases.length === 0 || roll < 0.2) {
    say('B case');
    const header = createCase(session, {
      office: `Office ${token()}`,
      identity: { givenNames: `Synthetic ${token()}`, familyNames: 'Person', currentLocation: 'Shelter A' },
      profile: { gender: 'Feminine', citizenship: ['PE'], ageAtIdentification: 20 + Math.floor(Math.random() * 20) },
      consents: [{ purpose: 'assistance', givenBy: 'the person', givenOn: '2026-11-20', method: 'written' }],
      risk: { assessedOn: '2026-11-20', level: 'medium', urgentProtection: false, safetyPlan: `Plan ${token()}` },
    });
    say(`C ${header.id} ${header.stamp.version}`);
    cases.unshift({ id: header.id, version: header.stamp.version });
    if (cases.length > 8) cases.pop();
  } else if (roll < 0.35) {
    const c = pick(cases);
    const office = `Office ${token()}`;
    say('B header');
    const header = updateHeader(session, c.id, c.version, { office });
    c.version = header.stamp.version;
    say(`V ${c.id} ${header.stamp.version} ${office.slice(7)}`);
  } else if (roll < 0.75) {
    const c = pick(cases);
    const type = pick(serviceTypes);
    const notes = token();
    say('B service');
    const record = addRecord(session, c.id, 'service', { track: type.group as 'shelter', serviceType: type.code as never, status: 'delivered', startedOn: '2026-11-21', notes });
    say(`S ${record.id} ${c.id} ${notes}`);
  } else {
    const c = pick(cases);
    // From a few hundred bytes to 192 KiB: small ones fit a page, large ones span many.
    const bytes = randomBytes(Math.random() < 0.5 ? 200 + Math.floor(Math.random() * 4000) : 16_384 + Math.floor(Math.random() * 180_000));
    say('B attachment');
    const added = addAttachment(session, c.id, { name: `scan-${token()}.bin`, bytes });
    say(`A ${added.id} ${c.id} ${createHash('sha256').update(bytes).digest('hex')} ${bytes.length}`);
  }
}
