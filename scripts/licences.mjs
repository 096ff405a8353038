// The licence list of Amparo's runtime dependencies (issue 7 §6), from package-lock.json and
// each package's own package.json in node_modules. Writes docs/licences.md (for people) and
// src/renderer/features/about/licences.json (for the About screen). `npm run docs:licences`.
// tests/unit/supply-chain/licences.test.ts regenerates both in memory and fails if the committed
// files differ, or if any runtime dependency has no licence. Plain Node, no dependencies.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MARKDOWN_PATH = 'docs/licences.md';
export const JSON_PATH = 'src/renderer/features/about/licences.json';

/**
 * Packages whose published package.json declares no licence, reviewed by hand. Keyed by
 * name@version, so that a new version is reviewed again (the test fails until it is).
 */
export const REVIEWED_LICENCES = {
  'buffers@0.1.1': {
    licence: 'MIT',
    note: 'No licence field or file in the published package; the upstream repository (substack/node-buffers) carries an MIT LICENSE by the same author.',
  },
  'png-js@2.0.0': {
    licence: 'MIT',
    note: 'No licence field in package.json; the package ships a LICENSE file with the MIT licence text.',
  },
};

/** Licences that impose conditions on distribution (reciprocal/copyleft), to call out. */
const COPYLEFT = /\b(A?GPL|LGPL|MPL|EPL|EUPL|CDDL|OSL|CC-BY-SA|SSPL)\b/i;

/** Plain https URL from the many shapes of package.json's `repository`. */
export function repositoryUrl(repository) {
  let url = typeof repository === 'string' ? repository : repository && typeof repository.url === 'string' ? repository.url : '';
  url = url.trim();
  if (!url) return '';
  const shorthand = /^(github:|gitlab:|bitbucket:)?([\w.-]+\/[\w.-]+)$/.exec(url);
  if (shorthand) {
    const host = { 'gitlab:': 'gitlab.com', 'bitbucket:': 'bitbucket.org' }[shorthand[1] ?? ''] ?? 'github.com';
    return `https://${host}/${shorthand[2]}`;
  }
  url = url
    .replace(/^git\+/, '')
    .replace(/^git:\/\//, 'https://')
    .replace(/^ssh:\/\/git@/, 'https://')
    .replace(/^git@([^:]+):/, 'https://$1/')
    .replace(/^http:\/\//, 'https://')
    .replace(/\.git$/, '')
    .replace(/#.*$/, '');
  const dir = repository && typeof repository === 'object' && typeof repository.directory === 'string' ? repository.directory : '';
  if (dir && /^https:\/\/github\.com\//.test(url)) url += `/tree/HEAD/${dir.replace(/^\/+/, '')}`;
  return url;
}

/** `license` (SPDX expression) or the legacy `licenses: [{ type }]` / `license: { type }`. */
export function declaredLicence(pkg) {
  const { license, licenses } = pkg ?? {};
  if (typeof license === 'string' && license.trim()) return license.trim();
  if (license && typeof license === 'object' && typeof license.type === 'string') return license.type;
  if (Array.isArray(licenses)) {
    const types = licenses.map((l) => (typeof l === 'string' ? l : l?.type)).filter((t) => typeof t === 'string' && t);
    if (types.length === 1) return types[0];
    if (types.length > 1) return `(${types.join(' OR ')})`;
  }
  return '';
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Every runtime package: the lockfile's entries that are not flagged `dev` (only devDependencies
 * need them) nor `devOptional` (devDependencies that a runtime package lists as an optional peer:
 * TypeScript and React's types, never loaded at run time). Optional dependencies are included.
 * Platform-specific binaries (lockfile `os`/`cpu`) are taken from the lockfile alone, so that the
 * list is the same whichever platform generates it (only one of them is installed here).
 */
export function collectLicences(root = ROOT) {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  if (lock.lockfileVersion < 2 || !lock.packages) throw new Error('package-lock.json: lockfileVersion 2 or 3 expected');
  const rows = new Map();
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '' || entry.dev || entry.devOptional || entry.link) continue;
    const name = entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const version = entry.version ?? '';
    const id = `${name}@${version}`;
    if (rows.has(id)) continue;
    const platformSpecific = Boolean(entry.os || entry.cpu);
    const pkg = platformSpecific ? null : readJson(path.join(root, key, 'package.json'));
    if (!platformSpecific && !pkg) throw new Error(`${key} is in package-lock.json but not installed: run npm ci first`);
    if (pkg && pkg.version !== version) throw new Error(`${key}: installed ${pkg.version}, lockfile ${version}: run npm ci first`);
    let licence = pkg ? declaredLicence(pkg) : (entry.license ?? '');
    let note = platformSpecific ? 'Platform-specific binary; licence as recorded in package-lock.json.' : '';
    const reviewed = REVIEWED_LICENCES[id];
    if (!licence && reviewed) {
      licence = reviewed.licence;
      note = reviewed.note;
    }
    const url = pkg ? repositoryUrl(pkg.repository) || (typeof pkg.homepage === 'string' ? pkg.homepage : '') : '';
    rows.set(id, { name, version, licence, url, ...(note ? { note } : {}) });
  }
  return [...rows.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
}

export const isCopyleft = (licence) => COPYLEFT.test(licence);

/**
 * Licences reviewed as compatible with distributing Amparo under GPL-3.0-or-later. A licence
 * outside this list is called out in docs/licences.md until someone reviews it and adds it here.
 */
const REVIEWED_COMPATIBLE = new Set(['MIT', 'MIT/X11', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0', '0BSD', 'BlueOak-1.0.0', 'Unlicense', 'WTFPL', 'Zlib', 'GPL-3.0-or-later']);

/** The licences of an SPDX-like expression that are not on the reviewed list. */
export function unreviewedLicences(licence) {
  return licence
    .replace(/[()]/g, ' ')
    .split(/\s+(?:AND|OR)\s+|\s+/)
    .filter((token) => token && token !== 'AND' && token !== 'OR' && !REVIEWED_COMPATIBLE.has(token));
}

/** What the About screen imports: name, version, licence, link. */
export function renderJson(rows) {
  // The renderer shows the address as text; without its scheme, the built renderer names no remote
  // URL (tests/integration/build-output.test.ts).
  return JSON.stringify(rows.map(({ name, version, licence, url }) => ({ name, version, licence, url: url.replace(/^https?:\/\//, '') })), null, 2) + '\n';
}

const cell = (text) => String(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function renderMarkdown(rows) {
  const unlicensed = rows.filter((r) => !r.licence);
  const copyleft = rows.filter((r) => isCopyleft(r.licence));
  const reviewed = rows.filter((r) => REVIEWED_LICENCES[`${r.name}@${r.version}`] && r.note);
  const lines = [
    '# Licences of the runtime dependencies',
    '',
    '<!-- Generated by `npm run docs:licences` (scripts/licences.mjs). Do not edit by hand: tests/unit/supply-chain fails when this file and package-lock.json disagree. -->',
    '',
    'Amparo is free software under the GNU General Public License, version 3 or any later version',
    '(GPL-3.0-or-later, see `LICENSE`). It is built on the open-source packages below: every package',
    'the app needs at run time, that is the `dependencies` and `optionalDependencies` of',
    '`package.json` and everything they pull in according to `package-lock.json`. Development tools',
    '(`devDependencies`: Electron, Vite, TypeScript, the test runners…) are not part of this list.',
    'The same list is shown in the app, on the About screen.',
    '',
    'Each licence is the one the package declares in its own `package.json` (`license`, or the legacy',
    '`licenses`), except for platform-specific binaries, which are listed with the licence recorded in',
    '`package-lock.json` so that the list does not depend on the platform it was generated on.',
    '',
    'The supply-chain checks (`npm audit`) are described in [supply-chain.md](supply-chain.md).',
    '',
    '## Points to note',
    '',
  ];
  if (unlicensed.length === 0) lines.push('- Every runtime dependency declares a licence (or was reviewed by hand, below).');
  else for (const r of unlicensed) lines.push(`- **${r.name}@${r.version} declares no licence**: review it before a release.`);
  for (const r of reviewed) lines.push(`- ${r.name}@${r.version}, reviewed by hand: ${r.licence}. ${r.note}`);
  if (copyleft.length === 0) lines.push('- No runtime dependency is under a copyleft licence (GPL, LGPL, MPL…).');
  for (const r of copyleft) {
    const choice = /\bOR\b/.test(r.licence) ? ' A choice of licences: either is compatible with Amparo\'s GPL-3.0-or-later.' : '';
    lines.push(`- ${r.name}@${r.version} is under \`${r.licence}\`.${choice}`);
  }
  const unreviewed = rows.filter((r) => r.licence && unreviewedLicences(r.licence).length > 0);
  if (unreviewed.length === 0) {
    lines.push(
      '- Every licence in the list is one reviewed as compatible with distributing Amparo under',
      '  GPL-3.0-or-later (scripts/licences.mjs, `REVIEWED_COMPATIBLE`). The permissive ones (MIT, ISC,',
      '  BSD, Apache-2.0, 0BSD, BlueOak-1.0.0, Unlicense…) ask that their copyright and licence notices',
      '  be kept with copies of the software: a release must ship them (each package\'s own licence file).',
    );
  }
  for (const r of unreviewed) lines.push(`- **${r.name}@${r.version} is under \`${r.licence}\`, not yet reviewed for compatibility** with GPL-3.0-or-later.`);
  lines.push(
    '',
    `## The list (${rows.length} packages)`,
    '',
    '| Package | Version | Licence | Repository or homepage |',
    '| --- | --- | --- | --- |',
  );
  for (const r of rows) lines.push(`| ${cell(r.name)} | ${cell(r.version)} | ${cell(r.licence || '**none declared**')} | ${cell(r.url)} |`);
  lines.push('');
  return lines.join('\n');
}

/** Both files, as they should be committed. */
export function generate(root = ROOT) {
  const rows = collectLicences(root);
  return { rows, markdown: renderMarkdown(rows), json: renderJson(rows) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { rows, markdown, json } = generate();
  fs.writeFileSync(path.join(ROOT, MARKDOWN_PATH), markdown);
  fs.mkdirSync(path.dirname(path.join(ROOT, JSON_PATH)), { recursive: true });
  fs.writeFileSync(path.join(ROOT, JSON_PATH), json);
  const missing = rows.filter((r) => !r.licence);
  console.log(`${rows.length} runtime packages: wrote ${MARKDOWN_PATH} and ${JSON_PATH}`);
  if (missing.length > 0) {
    console.error(`No licence declared: ${missing.map((r) => `${r.name}@${r.version}`).join(', ')}`);
    process.exitCode = 1;
  }
}
