import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../src/shared/audit';

/** The audit screen names every action of the trail in each language (a new action needs both). */
const DIR = path.resolve(import.meta.dirname, '../../../src/renderer/features/audit/i18n');
type Tree = { [key: string]: string | Tree };

function lookup(tree: Tree, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Tree)[part] : undefined), tree);
}

describe('audit screen translations', () => {
  const en = JSON.parse(fs.readFileSync(path.join(DIR, 'en.json'), 'utf8')) as Tree;
  const es = JSON.parse(fs.readFileSync(path.join(DIR, 'es.json'), 'utf8')) as Tree;

  it.each(AUDIT_ACTIONS)('%s has a label in English and Spanish', (action) => {
    expect(lookup(en, `audit.actions.${action}`)).toEqual(expect.any(String));
    expect(lookup(es, `audit.actions.${action}`)).toEqual(expect.any(String));
  });

  it('English and Spanish have the same keys', () => {
    const keys = (tree: Tree, prefix = ''): string[] =>
      Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`.replace(/_(one|many|other)$/, '')] : keys(v, `${prefix}${k}.`)));
    expect([...new Set(keys(es))].sort()).toEqual([...new Set(keys(en))].sort());
  });
});
