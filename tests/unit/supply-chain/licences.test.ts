import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JSON_PATH, MARKDOWN_PATH, REVIEWED_LICENCES, ROOT, declaredLicence, generate, repositoryUrl, unreviewedLicences } from '../../../scripts/licences.mjs';

/**
 * The licence list of the runtime dependencies (issue 7 §6): docs/licences.md and the About
 * screen's JSON are generated from package-lock.json and node_modules by scripts/licences.mjs;
 * here they are regenerated in memory and compared with the committed files.
 */
const generated = generate();
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string>; optionalDependencies?: Record<string, string> };
const regenerate = 'out of date: run `npm run docs:licences` and commit the result';

describe('the licence list of the runtime dependencies', () => {
  it('docs/licences.md is what the lockfile gives', () => {
    expect(read(MARKDOWN_PATH) === generated.markdown, `${MARKDOWN_PATH} ${regenerate}`).toBe(true);
  });

  it("the About screen's JSON is what the lockfile gives", () => {
    expect(read(JSON_PATH) === generated.json, `${JSON_PATH} ${regenerate}`).toBe(true);
  });

  it('every runtime dependency has a licence', () => {
    const missing = generated.rows.filter((r) => !r.licence).map((r) => `${r.name}@${r.version}`);
    expect(missing, 'runtime dependencies without a declared licence: review them and add them to REVIEWED_LICENCES').toEqual([]);
  });

  it('every licence has been reviewed as compatible with GPL-3.0-or-later', () => {
    const unreviewed = generated.rows.filter((r) => unreviewedLicences(r.licence).length > 0).map((r) => `${r.name}@${r.version}: ${r.licence}`);
    expect(unreviewed).toEqual([]);
  });

  it('lists every production and optional dependency, at its locked version, and no dev-only tool', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version: string }> };
    const names = new Set(generated.rows.map((r) => r.name));
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      const version = lock.packages[`node_modules/${name}`]?.version;
      expect(generated.rows.some((r) => r.name === name && r.version === version), `${name}@${version}`).toBe(true);
    }
    for (const tool of ['electron', 'vite', 'vitest', 'typescript', 'eslint', '@playwright/test', 'electron-vite']) {
      expect(names.has(tool), tool).toBe(false);
    }
    expect(names.has('amparo')).toBe(false);
  });

  it('keeps no stale hand review: each one still names an installed package that declares no licence', () => {
    for (const id of Object.keys(REVIEWED_LICENCES)) {
      const row = generated.rows.find((r) => `${r.name}@${r.version}` === id);
      expect(row, id).toBeDefined();
      const installed = JSON.parse(read(path.join('node_modules', row!.name, 'package.json'))) as unknown;
      expect(declaredLicence(installed), id).toBe('');
    }
  });
});

describe('reading package.json fields', () => {
  it('reads `license`, the legacy `licenses` and `license: { type }`', () => {
    expect(declaredLicence({ license: 'MIT' })).toBe('MIT');
    expect(declaredLicence({ license: { type: 'ISC' } })).toBe('ISC');
    expect(declaredLicence({ licenses: [{ type: 'MIT' }] })).toBe('MIT');
    expect(declaredLicence({ licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] })).toBe('(MIT OR Apache-2.0)');
    expect(declaredLicence({})).toBe('');
  });

  it('turns the shapes of `repository` into a plain https address', () => {
    expect(repositoryUrl('git+https://github.com/a/b.git')).toBe('https://github.com/a/b');
    expect(repositoryUrl('git://github.com/a/b.git')).toBe('https://github.com/a/b');
    expect(repositoryUrl('git@github.com:a/b.git')).toBe('https://github.com/a/b');
    expect(repositoryUrl('a/b')).toBe('https://github.com/a/b');
    expect(repositoryUrl('gitlab:a/b')).toBe('https://gitlab.com/a/b');
    expect(repositoryUrl({ type: 'git', url: 'https://github.com/a/b.git', directory: 'packages/c' })).toBe('https://github.com/a/b/tree/HEAD/packages/c');
    expect(repositoryUrl(undefined)).toBe('');
  });
});
