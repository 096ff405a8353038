import { describe, expect, it } from 'vitest';
import { formatRecoveryKey, generateRecoveryKey, parseRecoveryKey, RECOVERY_GROUPS } from '../../../src/main/core/vault/recovery-key';
import { AppError } from '../../../src/shared/errors';

describe('recovery key', () => {
  it('is shown as 9 groups of 4 unambiguous characters and parses back to the same bytes', () => {
    const { bytes, text } = generateRecoveryKey();
    expect(text.split('-')).toHaveLength(RECOVERY_GROUPS);
    expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){8}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(parseRecoveryKey(text)).toEqual(bytes);
  });

  it('forgives case, spaces, missing dashes and look-alike letters', () => {
    const bytes = new Uint8Array(20).map((_, i) => i * 13);
    const text = formatRecoveryKey(bytes);
    const messy = ` ${text.toLowerCase().replace(/-/g, ' ')} `.replace(/0/g, 'o').replace(/1/g, 'l');
    expect(parseRecoveryKey(messy)).toEqual(bytes);
  });

  it('catches a typo with its checksum before any key derivation', () => {
    const { text } = generateRecoveryKey();
    const first = text[0]!;
    const typo = (first === 'A' ? 'B' : 'A') + text.slice(1);
    expect(() => parseRecoveryKey(typo)).toThrowError(expect.objectContaining({ code: 'RECOVERY_KEY_MALFORMED' }) as unknown as Error);
  });

  it('refuses the wrong length or alphabet', () => {
    for (const bad of ['', 'ABCD-EFGH', 'U'.repeat(36), '!'.repeat(36)]) {
      let error: unknown;
      try {
        parseRecoveryKey(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('RECOVERY_KEY_MALFORMED');
    }
  });
});
