import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../src/shared/contract';
import { AUTHORIZATION, isAllowed, type Access } from '../../../src/shared/authorization';
import { authorizationDocument } from '../../../src/shared/authorization-doc';
import { ROLES, type Role } from '../../../src/shared/roles';
import { createRouter } from '../../../src/main/core/ipc/router';
import { handlers } from '../../../src/main/core/ipc/handlers';
import { Session } from '../../../src/main/core/users/session';
import { ADMIN, makeCoreWithVault } from '../../support/core-fixture';

let f: Awaited<ReturnType<typeof makeCoreWithVault>>;
let sessions: Record<Role, Session>;

beforeAll(async () => {
  f = await makeCoreWithVault();
  const admin = f.core.session!;
  // Sessions of every role over the same open vault: the router decides on the role alone.
  sessions = Object.fromEntries(
    ROLES.map((role) => [role, role === 'administrator' ? admin : new Session({ ...admin.info, role }, admin.vault, new Uint8Array(32))]),
  ) as Record<Role, Session>;
});
afterAll(() => f.cleanup());

const expected = (access: Access, role: Role | null) => (isAllowed(access, role) ? 'BAD_REQUEST' : role === null ? 'NOT_SIGNED_IN' : 'FORBIDDEN');

describe('router', () => {
  it('walks every channel for every role and no session: allowed ones reach validation, the rest are refused', async () => {
    const malformed = JSON.parse('{"__proto__": {"polluted": true}, "unexpected": 1}');
    for (const channel of CHANNELS) {
      for (const role of [null, ...ROLES] as (Role | null)[]) {
        const result = await createRouter(f.core).handle(role ? sessions[role] : null, channel, malformed);
        expect(result.ok, `${channel} as ${role}`).toBe(false);
        if (!result.ok) expect(result.error.code, `${channel} as ${role}`).toBe(expected(AUTHORIZATION[channel], role));
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps the matrix to DESIGN.md §5: case content only for caseworkers and supervisors, accounts only for administrators', () => {
    const caseChannels = CHANNELS.filter((c) => /^(cases|records|attachments)\./.test(c));
    expect(caseChannels.length).toBeGreaterThan(10);
    for (const channel of caseChannels) {
      expect(isAllowed(AUTHORIZATION[channel], 'administrator'), channel).toBe(false);
      expect(isAllowed(AUTHORIZATION[channel], 'coordinator'), channel).toBe(false);
      expect(isAllowed(AUTHORIZATION[channel], 'supervisor'), channel).toBe(true);
      expect(isAllowed(AUTHORIZATION[channel], 'caseworker'), channel).toBe(channel !== 'cases.reassign');
    }
    for (const channel of CHANNELS.filter((c) => c.startsWith('users.') || c === 'teams.create' || c === 'recovery.createShares' || c === 'settings.update')) {
      expect(ROLES.filter((role) => isAllowed(AUTHORIZATION[channel], role)), channel).toEqual(['administrator']);
    }
    for (const channel of CHANNELS.filter((c) => c.startsWith('audit.'))) {
      expect(ROLES.filter((role) => isAllowed(AUTHORIZATION[channel], role)), channel).toEqual(['administrator', 'supervisor']);
    }
    expect(CHANNELS.filter((c) => AUTHORIZATION[c] === 'public').sort()).toEqual(
      // vault.restore, as vault.create, only while there is no vault (the core refuses it otherwise).
      ['app.status', 'auth.login', 'auth.recover', 'auth.recoverWithShares', 'preferences.setLanguage', 'vault.create', 'vault.restore'].sort(),
    );
    for (const channel of CHANNELS.filter((c) => c.startsWith('backup.'))) {
      expect(ROLES.filter((role) => isAllowed(AUTHORIZATION[channel], role)), channel).toEqual(['administrator']);
    }
  });

  it('refuses malformed payloads with a message naming fields, never values', async () => {
    const router = createRouter(f.core);
    const cases: [string, unknown][] = [
      ['users.create', { username: 'ok.name', displayName: 'X', role: 'superuser', initialPassphrase: 'secret words here now' }],
      ['users.create', { username: 42 }],
      ['users.create', 'not an object'],
      ['users.create', null],
      ['settings.update', { idleMinutes: 0 }],
      ['settings.update', { idleMinutes: 61 }],
      ['users.disable', { accountId: 'not-a-uuid' }],
      ['auth.login', { username: 'a'.repeat(5000), passphrase: 'x' }],
      ['auth.login', { username: 'ana.admin', passphrase: 'p'.repeat(2000) }],
    ];
    for (const [channel, payload] of cases) {
      const result = await router.handle(sessions.administrator, channel, payload);
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      if (!result.ok) {
        expect(result.error.message).not.toContain('secret words');
        expect(result.error.message).not.toContain('superuser');
        expect(result.error.message.length).toBeLessThanOrEqual(500);
      }
    }
  });

  it('refuses unknown channels and non-string channel names', async () => {
    const router = createRouter(f.core);
    for (const channel of ['nope', '__proto__', 'constructor', 'toString', 42, null, undefined, { a: 1 }]) {
      expect(await router.handle(sessions.administrator, channel, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('lets a session that must change its passphrase do only that', async () => {
    const router = createRouter(f.core);
    const admin = sessions.administrator;
    const pending = new Session({ ...admin.info, mustChangePassphrase: true }, admin.vault, new Uint8Array(32));
    expect(await router.handle(pending, 'users.list', {})).toMatchObject({ ok: false, error: { code: 'PASSPHRASE_CHANGE_REQUIRED' } });
    expect(await router.handle(pending, 'settings.get', {})).toMatchObject({ ok: false, error: { code: 'PASSPHRASE_CHANGE_REQUIRED' } });
    expect(await router.handle(pending, 'app.status', {})).toMatchObject({ ok: true });
    expect(await router.handle(pending, 'session.activity', {})).toMatchObject({ ok: true });
  });

  it('answers a valid call with a value that matches the contract', async () => {
    const router = createRouter(f.core);
    const result = await router.handle(sessions.administrator, 'users.list', {});
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toEqual([expect.objectContaining({ username: ADMIN.username, role: 'administrator' })]);
    expect(await router.handle(sessions.administrator, 'settings.get', {})).toEqual({ ok: true, value: { idleMinutes: 5, contentProtection: true, backupReminderDays: 7, retentionYears: 5 } });
  });

  it('turns an unexpected failure into a generic INTERNAL error without details', async () => {
    const seen: unknown[] = [];
    const router = createRouter(f.core, {
      handlers: { ...handlers, 'users.list': () => { throw new Error('SQLITE_FULL: secret row content'); } },
      onInternalError: (e) => seen.push(e),
    });
    const result = await router.handle(sessions.administrator, 'users.list', {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong; nothing was changed.' } });
    expect(seen).toHaveLength(1);
  });

  it('refuses to return a response that breaks the contract', async () => {
    const router = createRouter(f.core, { handlers: { ...handlers, 'settings.get': () => ({ idleMinutes: 5, contentProtection: true, leaked: 'x' }) as never } });
    expect(await router.handle(sessions.administrator, 'settings.get', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('docs/authorization.md', () => {
  it('is the matrix as the router enforces it (regenerate with npm run docs:authorization)', () => {
    const doc = fs.readFileSync(path.join(import.meta.dirname, '..', '..', '..', 'docs', 'authorization.md'), 'utf8');
    expect(doc).toBe(authorizationDocument());
    for (const channel of CHANNELS) expect(doc).toContain(`\`${channel}\``);
  });
});
