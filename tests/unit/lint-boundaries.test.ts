import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The architecture rules of eslint.config.js fail where they should (and only there). */
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('lint boundaries', () => {
  it.each(['src/main/core/vault/x.ts', 'src/shared/x.ts', 'src/cli/x.ts'])('%s may not import electron', async (file) => {
    expect(await ruleIds("import { app } from 'electron';\nexport const a = app;\n", file)).toContain('no-restricted-imports');
  });

  it('src/shared may not import Node or use DOM or Node globals', async () => {
    expect(await ruleIds("import fs from 'node:fs';\nexport const a = fs;\n", 'src/shared/x.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import path from 'path';\nexport const a = path;\n", 'src/shared/x.ts')).toContain('no-restricted-imports');
    expect(await ruleIds('export const a = window.location;\n', 'src/shared/x.ts')).toContain('no-restricted-globals');
    expect(await ruleIds('export const a = process.env;\n', 'src/shared/x.ts')).toContain('no-restricted-globals');
  });

  it('the shell may import electron, and the core may import Node', async () => {
    expect(await ruleIds("import { app } from 'electron';\nexport const a = app;\n", 'src/main/shell/x.ts')).toEqual([]);
    expect(await ruleIds("import fs from 'node:fs';\nexport const a = fs;\n", 'src/main/core/x.ts')).toEqual([]);
  });
});
