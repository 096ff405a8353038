// Types of scripts/licences.mjs, for the unit test that imports it.
export interface LicenceRow {
  name: string;
  version: string;
  licence: string;
  url: string;
  note?: string;
}
export const ROOT: string;
export const MARKDOWN_PATH: string;
export const JSON_PATH: string;
export const REVIEWED_LICENCES: Record<string, { licence: string; note: string }>;
export function repositoryUrl(repository: unknown): string;
export function declaredLicence(pkg: unknown): string;
export function collectLicences(root?: string): LicenceRow[];
export function isCopyleft(licence: string): boolean;
export function unreviewedLicences(licence: string): string[];
export function renderJson(rows: LicenceRow[]): string;
export function renderMarkdown(rows: LicenceRow[]): string;
export function generate(root?: string): { rows: LicenceRow[]; markdown: string; json: string };
