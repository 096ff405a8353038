import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CSP } from '../../src/main/shell/policy';

/**
 * Checks what `electron-vite build` produced (out/). It runs only when out/ exists: `npm test`
 * builds before the end-to-end tests, and a plain `vitest run` on a fresh clone skips it.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(ROOT, 'out');
const built = fs.existsSync(OUT);

const MAIN_ENTRY = path.join(OUT, 'main/index.js');
const PRELOAD = path.join(OUT, 'preload/index.cjs');
const RENDERER = path.join(OUT, 'renderer');
const INDEX_HTML = path.join(RENDERER, 'index.html');

/**
 * The only absolute URLs the renderer's code may contain. None is ever requested (the CSP and
 * the shell's request filter refuse the network anyway); each is text or an identifier.
 */
const ALLOWED_URL_PREFIXES: ReadonlyArray<readonly [prefix: string, why: string]> = [
  ['http://www.w3.org/', 'XML namespace names (SVG, MathML, XLink, XML) that React DOM passes to createElementNS'],
  ['https://react.dev/errors/', "React's production error messages name the page that decodes them"],
  ['https://reactjs.org/docs/error-decoder.html', 'the same, in older React builds'],
  ['http://json-schema.org/', 'the `$schema` identifiers zod writes into JSON Schema output'],
  ['https://json-schema.org/', 'the same, for draft 2020-12'],
  ['http://[', 'zod validates an IPv6 address by parsing `http://[address]` with new URL(); nothing is fetched'],
  ['https://redux.js.org/Errors', "recharts keeps its state in Redux: Redux's production error messages name the page that decodes them"],
  ['https://redux-toolkit.js.org/Errors', 'the same, for Redux Toolkit (recharts)'],
  ['https://bit.ly/3cXEKWf', "text of an Immer error message (Redux Toolkit, in recharts), never requested"],
  ['http://ns.adobe.com/', 'XML namespace names pdf.js compares in XFA forms and XMP metadata (PDF preview); never requested'],
  ['http://www.xfa.org/schema/', 'XFA namespace names in pdf.js; XFA is off (enableXfa: false) and nothing is requested'],
  ['http://${', "pdf.js puts a scheme before a link's text that starts with www.; only the pages are drawn, links never followed"],
];

/**
 * zod probes once whether `new Function` works (`allowsEval`); the renderer sets
 * `z.config({ jitless: true })` so the probe never runs, and the CSP (no 'unsafe-eval') would
 * make it throw anyway. This exact probe is the only `new Function(` allowed.
 */
const ALLOWED_NEW_FUNCTION = 'new Function("")';

/**
 * pdf.js (the PDF preview, src/renderer/features/case-view/attachments/pdf.ts), in its own
 * chunk and its worker: the same probe, and a compiler of PDF functions that runs only when
 * `isEvalSupported` is on. The renderer always turns it off (checked below), and the CSP (no
 * 'unsafe-eval') would refuse it anyway.
 */
const PDFJS_FILE = /^pdf(\.worker\.min)?-[\w-]+\.m?js$/;
const PDFJS_NEW_FUNCTION = /new Function\("src",\s*"srcOffset",\s*"dest",\s*"destOffset",/g;
const PDF_LOADER = path.join(ROOT, 'src/renderer/features/case-view/attachments/pdf.ts');

function filesUnder(dir: string, ext: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => ext.test(f)).map((f) => path.join(dir, f));
}

const printed = new Map<string, string>();

/** The code without its comments (licence headers and docs mention URLs and eval freely). */
function codeOf(file: string): string {
  const cached = printed.get(file);
  if (cached !== undefined) return cached;
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const code = ts.createPrinter({ removeComments: true }).printFile(source);
  printed.set(file, code);
  return code;
}

function directives(csp: string): Map<string, string> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().replace(/\s+/g, ' '))
      .filter(Boolean)
      .map((d) => [d.split(' ')[0]!, d]),
  );
}

const rel = (file: string) => path.relative(ROOT, file);

describe.skipIf(!built)(built ? 'build output (out/)' : 'build output — skipped: out/ does not exist, run `npm run build` first', () => {
  const mainFiles = filesUnder(path.join(OUT, 'main'), /\.m?js$/);
  const rendererScripts = filesUnder(RENDERER, /\.m?js$/);

  it('has the main entry, the CommonJS preload and the renderer', () => {
    for (const file of [MAIN_ENTRY, PRELOAD, INDEX_HTML]) expect(fs.existsSync(file), rel(file)).toBe(true);
    expect(rendererScripts.length).toBeGreaterThan(0);
  });

  it('main and preload are valid JavaScript for Node (node --check)', () => {
    for (const file of [...mainFiles, PRELOAD]) {
      const run = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
      expect(run.status, `${rel(file)}: ${run.stderr}`).toBe(0);
    }
  });

  it('main and preload never loosen the renderer', () => {
    const loosening = /nodeIntegration\w*\s*:\s*(true|!0)|(contextIsolation|sandbox|webSecurity)\s*:\s*(false|!1)|bypassCSP\s*:\s*(true|!0)/g;
    for (const file of [...mainFiles, PRELOAD]) {
      expect(fs.readFileSync(file, 'utf8').match(loosening), rel(file)).toBeNull();
    }
  });

  it('the preload is self-contained: a sandboxed preload can require only electron', () => {
    const code = fs.readFileSync(PRELOAD, 'utf8');
    const required = [...code.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(code).toMatch(/exposeInMainWorld\(\s*["']api["']/);
  });

  it('the renderer has no eval and no new Function (zod’s guarded probe excepted)', () => {
    // Compare the matches, not the code: a failure then prints a line, not a megabyte.
    const around = (code: string, pattern: RegExp) => [...code.matchAll(pattern)].map((m) => code.slice(Math.max(0, m.index - 60), m.index + 60));
    for (const file of rendererScripts) {
      const code = codeOf(file);
      const pdfjs = PDFJS_FILE.test(path.basename(file));
      expect(around(code, /\beval\s*\(/g), rel(file)).toEqual([]);
      expect(around(code.split(ALLOWED_NEW_FUNCTION).join('').replace(pdfjs ? PDFJS_NEW_FUNCTION : /$^/, ''), /new\s+Function\s*\(/g), rel(file)).toEqual([]);
      if (pdfjs) expect(fs.readFileSync(PDF_LOADER, 'utf8'), 'pdf.js with eval off').toMatch(/isEvalSupported:\s*false/);
      else if (code.includes(ALLOWED_NEW_FUNCTION)) expect(code.includes('jitless'), `${rel(file)}: zod's probe without jitless`).toBe(true);
    }
  });

  it('the renderer names no URL outside the allow-list', () => {
    const found = new Set<string>();
    for (const file of [...rendererScripts, INDEX_HTML]) {
      const code = file.endsWith('.html') ? fs.readFileSync(file, 'utf8') : codeOf(file);
      for (const url of code.match(/https?:\/\/[^\s"'`)<>\\]*/gi) ?? []) found.add(url);
    }
    const unexpected = [...found].filter((url) => !ALLOWED_URL_PREFIXES.some(([prefix]) => url.startsWith(prefix)));
    expect(unexpected).toEqual([]);
  });

  it('index.html has no inline script, no inline handler, and loads only local modules', () => {
    const html = fs.readFileSync(INDEX_HTML, 'utf8');
    const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) {
      expect(tag).toMatch(/\ssrc=["'](\.\/|\/)?assets\//);
    }
    expect(html).not.toMatch(/<script\b(?![^>]*\ssrc=)[^>]*>/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
  });

  it("index.html's meta CSP is the shell's CSP (frame-ancestors only in the header: a meta tag cannot set it)", () => {
    const html = fs.readFileSync(INDEX_HTML, 'utf8');
    const meta = /<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=(["'])(.*?)\1/is.exec(html);
    expect(meta, 'meta CSP').not.toBeNull();
    const fromMeta = directives(meta![2]!);
    const fromShell = directives(CSP);
    fromShell.delete('frame-ancestors');
    fromMeta.delete('frame-ancestors');
    expect(fromMeta).toEqual(fromShell);
  });
});
