import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { combineRecoveryShares, splitRecoveryKey, vaultFingerprint } from '../../../src/main/core/vault/recovery-shares';
import { generateRecoveryKey } from '../../../src/main/core/vault/recovery-key';
import { readRecoveryShare } from '../../../src/shared/recovery-share-text';
import { SHARES_MAX } from '../../../src/shared/recovery';
import { makeCoreWithVault } from '../../support/core-fixture';

const VAULT = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const OTHER_VAULT = 'ffeeddccbbaa99887766554433221100';

/** Picks `count` distinct indices of `0…n-1` from a fast-check permutation. */
const pick = <T>(items: readonly T[], order: readonly number[], count: number): T[] => order.slice(0, count).map((i) => items[i]!);

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('recovery shares', () => {
  it('any k of n shares recover the key, in any order, whatever k and n', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: SHARES_MAX }).chain((n) =>
          fc.tuple(fc.constant(n), fc.integer({ min: 2, max: n }), fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n })),
        ),
        async ([n, k, order]) => {
          const { text } = generateRecoveryKey();
          const shares = await splitRecoveryKey(text, VAULT, { threshold: k, shares: n });
          expect(shares).toHaveLength(n);
          expect(await combineRecoveryShares(pick(shares, order, k), VAULT)).toBe(text);
          // More than k (all of them) recover it too.
          expect(await combineRecoveryShares(pick(shares, order, n), VAULT)).toBe(text);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('k−1 distinct shares are refused with the numbers, duplicates counting once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: SHARES_MAX }).chain((n) =>
          fc.tuple(fc.constant(n), fc.integer({ min: 2, max: n }), fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n })),
        ),
        async ([n, k, order]) => {
          const { text } = generateRecoveryKey();
          const shares = await splitRecoveryKey(text, VAULT, { threshold: k, shares: n });
          const few = pick(shares, order, k - 1);
          const given = [...few, few[0]!]; // the first one twice
          await expect(combineRecoveryShares(given, VAULT)).rejects.toMatchObject({
            code: 'SHARES_TOO_FEW',
            message: expect.stringMatching(new RegExp(`^${k} shares are needed, ${k - 1} ${k - 1 === 1 ? 'was' : 'were'} given`)),
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('says "3 shares are needed, 2 were given"', async () => {
    const shares = await splitRecoveryKey(generateRecoveryKey().text, VAULT, { threshold: 3, shares: 5 });
    await expect(combineRecoveryShares([shares[0]!, shares[3]!], VAULT)).rejects.toThrow('3 shares are needed, 2 were given.');
  });

  it('a share names the vault, its number, how many there are and how many are needed', async () => {
    const shares = await splitRecoveryKey(generateRecoveryKey().text, VAULT, { threshold: 3, shares: 5 });
    const fingerprint = vaultFingerprint(VAULT);
    expect(fingerprint).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(VAULT.toUpperCase()).not.toContain(fingerprint);
    shares.forEach((share, i) => {
      expect(share).toMatch(new RegExp(`^${i + 1}OF5-K3-${fingerprint}(-[0-9A-HJKMNP-TV-Z]{4}){11}$`));
      const reading = readRecoveryShare(share);
      expect(reading).toMatchObject({ ok: true, share: { index: i + 1, total: 5, threshold: 3, vault: fingerprint } });
    });
    // Typed back by hand: lower case, spaces for dashes, look-alikes.
    const messy = shares.map((s) => s.toLowerCase().replaceAll('-', ' ').replace(/0/g, 'o').replace(/1/g, 'l'));
    expect(await combineRecoveryShares(messy.slice(1, 4), VAULT)).toMatch(/^([0-9A-Z]{4}-){8}[0-9A-Z]{4}$/);
  });

  it('a changed character anywhere is caught by the checksum, and the error names which share', async () => {
    const { text } = generateRecoveryKey();
    const shares = await splitRecoveryKey(text, VAULT, { threshold: 3, shares: 5 });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 }), fc.nat(), fc.integer({ min: 1, max: 31 }), async (which, position, shift) => {
        const chosen = shares.slice(0, 3);
        const original = chosen[which]!;
        // Change one letter or digit (not a dash) to another of the alphabet.
        const slots = [...original].flatMap((c, i) => (c === '-' ? [] : [i]));
        const at = slots[position % slots.length]!;
        const char = original[at]!;
        let replacement: string;
        if (/\d/.test(char) && at < original.indexOf('-K')) replacement = String((Number(char) + 1 + (shift % 9)) % 10); // the header's numbers
        else if (char === 'O' || char === 'F' || char === 'K') replacement = 'X';
        else replacement = ALPHABET[(ALPHABET.indexOf(char) + shift) % 32]!;
        fc.pre(replacement !== char);
        chosen[which] = original.slice(0, at) + replacement + original.slice(at + 1);
        await expect(combineRecoveryShares(chosen, VAULT)).rejects.toMatchObject({
          code: 'SHARE_MALFORMED',
          message: expect.stringContaining(`The share given in position ${which + 1} `),
        });
      }),
      { numRuns: 200 },
    );
  });

  it('names a share by the label given (e.g. its file), and never puts a share or the key in an error', async () => {
    const { text } = generateRecoveryKey();
    const shares = await splitRecoveryKey(text, VAULT, { threshold: 2, shares: 3 });
    const broken = shares[1]!.slice(0, -1) + (shares[1]!.endsWith('0') ? '1' : '0');
    const error = (await combineRecoveryShares([shares[0]!, broken], VAULT, ['the share in a.txt', 'the share in b.txt']).then(
      () => new Error('no refusal'),
      (e: unknown) => e,
    )) as Error;
    expect(error.message).toBe('The share in b.txt has a typo: check each group against its sheet.');
    for (const s of [...shares, text]) for (const group of s.split('-').filter((g) => g.length === 4 && /[A-Z]/.test(g))) expect(error.message).not.toContain(group);
    await expect(combineRecoveryShares(['hello', shares[0]!], VAULT)).rejects.toMatchObject({ code: 'SHARE_MALFORMED', message: expect.stringContaining('not a complete recovery share') });
  });

  it('shares of two splits of the same key do not mix, and shares of another vault are refused', async () => {
    const { text } = generateRecoveryKey();
    const first = await splitRecoveryKey(text, VAULT, { threshold: 3, shares: 5 });
    const second = await splitRecoveryKey(text, VAULT, { threshold: 3, shares: 5 });
    await expect(combineRecoveryShares([first[0]!, first[1]!, second[2]!], VAULT)).rejects.toMatchObject({
      code: 'SHARES_MISMATCHED',
      message: expect.stringContaining('is from another set of shares'),
    });
    // Each split on its own still works.
    expect(await combineRecoveryShares(second.slice(2), VAULT)).toBe(text);
    const foreign = await splitRecoveryKey(text, OTHER_VAULT, { threshold: 3, shares: 5 });
    await expect(combineRecoveryShares(foreign.slice(0, 3), VAULT)).rejects.toMatchObject({
      code: 'SHARES_MISMATCHED',
      message: expect.stringContaining('belongs to another Amparo installation'),
    });
  });

  it('refuses counts outside 2…max and a recovery key with a typo', async () => {
    const { text } = generateRecoveryKey();
    for (const counts of [
      { threshold: 1, shares: 5 },
      { threshold: 4, shares: 3 },
      { threshold: 2, shares: SHARES_MAX + 1 },
      { threshold: 2.5, shares: 5 },
    ]) {
      await expect(splitRecoveryKey(text, VAULT, counts)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    await expect(splitRecoveryKey('0000-0000', VAULT, { threshold: 2, shares: 3 })).rejects.toMatchObject({ code: 'RECOVERY_KEY_MALFORMED' });
  });
});

describe('recovery shares of a real vault', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('k shares give back a key that opens the vault’s recovery slot', async () => {
    const f = await makeCoreWithVault();
    cleanup = f.cleanup;
    const vault = f.core.session!.vault;
    const shares = await splitRecoveryKey(f.recoveryKey, vault.keyring.vaultId, { threshold: 3, shares: 5 });
    const key = await combineRecoveryShares([shares[4]!, shares[1]!, shares[2]!], vault.keyring.vaultId);
    expect(key).toBe(f.recoveryKey);
    const secret = await vault.openRecovery(key);
    expect(secret).toHaveLength(32);
    // No share reaches the database or the keyring.
    const dump = JSON.stringify(vault.db.prepare('SELECT * FROM audit_log').all()) + JSON.stringify(vault.keyring);
    for (const s of shares) expect(dump).not.toContain(s.split('-')[4]);
  }, 60_000);
});
