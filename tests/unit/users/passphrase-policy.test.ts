import { describe, expect, it } from 'vitest';
import { checkPassphrase, countWords } from '../../../src/main/core/users/passphrase-policy';

const codeOf = (passphrase: string, username = 'lucia.m') => {
  try {
    checkPassphrase(passphrase, username);
    return 'OK';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('passphrase policy', () => {
  it('accepts 12 characters or 4 words', () => {
    expect(codeOf('Tq7#mZp2vL9x')).toBe('OK');
    expect(codeOf('río sol mar luna')).toBe('OK');
    expect(countWords('río sol mar luna')).toBe(4);
  });

  it('refuses shorter ones, saying why', () => {
    expect(codeOf('Tq7#mZp2vL9')).toBe('PASSPHRASE_TOO_SHORT');
    expect(codeOf('three words only')).toBe('OK'); // 16 characters
    expect(codeOf('a b c d e')).toBe('PASSPHRASE_TOO_SHORT'); // single letters are not words
    expect(codeOf('x'.repeat(1025))).toBe('PASSPHRASE_TOO_LONG');
  });

  it('refuses common passwords, with padding, and runs of few characters', () => {
    expect(codeOf('123456789012')).toBe('PASSPHRASE_COMMON');
    expect(codeOf('qwertyuiop12')).toBe('PASSPHRASE_COMMON');
    expect(codeOf('password1234')).toBe('PASSPHRASE_COMMON');
    expect(codeOf('Football!!!!')).toBe('PASSPHRASE_COMMON');
    expect(codeOf('aaaaaaaaaaaaaaaa')).toBe('PASSPHRASE_COMMON');
    expect(codeOf('abababababab')).toBe('PASSPHRASE_COMMON');
  });

  it('refuses a passphrase containing the username, in any case', () => {
    expect(codeOf('my name is LUCIA.M and more')).toBe('PASSPHRASE_CONTAINS_USERNAME');
  });

  it('error messages never repeat the passphrase', () => {
    try {
      checkPassphrase('password1234', 'lucia.m');
    } catch (e) {
      expect((e as Error).message).not.toContain('password1234');
    }
  });
});
