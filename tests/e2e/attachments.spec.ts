import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { LANGS } from './i18n';
import { SLOW, oneCaseSignedIn, shootTall } from './steps';
import { getCaseFile } from '../../src/main/core/cases/service';
import { caseHistory } from '../../src/main/core/cases/queries';

/**
 * A PDF attachment, in English and Spanish, through the built renderer, the real router and a
 * real encrypted vault: added through the (fake) open dialog, previewed inside the app (pdf.js
 * drawing the pages fetched from memory through the app's scheme — the harness serves them as
 * the shell does, with the same CSP), saved as a copy through the (fake) save dialog after the
 * warning that it is not encrypted, and deleted with a reason.
 */


/** In the PDF's metadata as plain text: it must never be found on disk outside the copy saved on purpose. */
const PDF_SECRET = 'Informe medico de Yolanda Ccapa Mamani, historia clinica 88213';
const FILE_NAME = 'informe-medico.pdf';

/** A small two-page PDF made with pdfkit (a dependency of the app), uncompressed. */
function makePdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A5', compress: false, info: { Title: PDF_SECRET } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(28).text('Amparo', 50, 60);
    doc.rect(50, 120, 300, 80).fill('#1d4ed8');
    doc.fillColor('#000').fontSize(14).text('Page one of a test document.', 50, 230);
    doc.addPage();
    doc.fontSize(20).text('Second page', 50, 60);
    doc.circle(200, 220, 60).fill('#b91c1c');
    doc.end();
  });
}

/**
 * How many pixels of the page's canvas are clearly not white: the page was drawn. Copied to a
 * fresh canvas and read once there (reading the same canvas twice makes Chromium warn).
 */
async function inkOf(page: Page): Promise<number> {
  type Context = { drawImage(source: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
  type Canvas = { width: number; height: number; getContext(kind: '2d', options?: object): Context };
  return page.locator('canvas.pdf-canvas').evaluate((element) => {
    const source = element as unknown as Canvas;
    const copy = (globalThis as unknown as { document: { createElement(tag: 'canvas'): Canvas } }).document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const context = copy.getContext('2d', { willReadFrequently: true });
    context.drawImage(source, 0, 0);
    const { data } = context.getImageData(0, 0, copy.width, copy.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200) ink++;
    return ink;
  });
}

for (const lang of LANGS) {
  test(`a PDF attachment: preview, save a copy, delete with a reason (${lang})`, async ({ app }, testInfo) => {
    const { page } = app;
    const { t, caseId, code } = await oneCaseSignedIn(app, lang);
    const pdf = await makePdf();
    expect(pdf.toString('latin1')).toContain(PDF_SECRET);
    app.rememberSecret(PDF_SECRET);

    await page.getByRole('link', { name: code }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: t('caseView.title', { code }) })).toBeVisible();
    await page.getByRole('tab', { name: t('caseView.tabs.attachments'), exact: true }).click();
    const panel = page.getByRole('tabpanel');
    app.nextPickedFile({ name: FILE_NAME, bytes: new Uint8Array(pdf) });
    await panel.getByRole('button', { name: t('caseView.attachments.add') }).click();
    await expect(panel.getByText(t('caseView.attachments.added', { name: FILE_NAME }))).toBeVisible();
    const card = panel.getByRole('listitem').filter({ hasText: FILE_NAME });
    await expect(card.getByText(t('caseView.attachments.noPreview'))).toHaveCount(0);

    // Preview: pdf.js draws the pages in the app, from the bytes the app's scheme serves from memory.
    await card.getByRole('button', { name: t('caseView.attachments.preview') }).click();
    const preview = page.getByRole('dialog', { name: t('caseView.attachments.previewTitle', { name: FILE_NAME }) });
    await expect(preview.getByText(t('caseView.attachments.pageOf', { page: 1, count: 2 }))).toBeVisible(SLOW);
    const canvas = preview.getByRole('img', { name: t('caseView.attachments.pageImage', { page: 1, count: 2, name: FILE_NAME }) });
    await expect(canvas).toBeVisible();
    await expect(preview.locator('.pdf-page')).not.toHaveAttribute('aria-busy', 'true', SLOW);
    expect(await inkOf(page)).toBeGreaterThan(1000);
    await expect(preview.getByRole('button', { name: t('caseView.attachments.previousPage') })).toBeDisabled();
    await shootTall(app, `attachments-${lang}-01-pdf-preview`, `attachments-${lang}-pdf-preview`);
    await preview.getByRole('button', { name: t('caseView.attachments.nextPage') }).click();
    await expect(preview.getByText(t('caseView.attachments.pageOf', { page: 2, count: 2 }))).toBeVisible();
    await expect(preview.locator('.pdf-page')).not.toHaveAttribute('aria-busy', 'true', SLOW);
    expect(await inkOf(page)).toBeGreaterThan(1000);
    await expect(preview.getByRole('button', { name: t('caseView.attachments.nextPage') })).toBeDisabled();
    await preview.getByRole('button', { name: t('caseView.attachments.close') }).click();
    await expect(preview).toHaveCount(0);

    // Save a copy: first the warning that the copy is not encrypted, then the main process's dialog.
    const target = testInfo.outputPath(`copy-${lang}.pdf`);
    await card.getByRole('button', { name: t('caseView.attachments.saveCopy') }).click();
    const saveDialog = page.getByRole('dialog', { name: t('caseView.attachments.saveTitle', { name: FILE_NAME }) });
    await expect(saveDialog.getByText(t('caseView.attachments.unencryptedTitle'))).toBeVisible();
    await expect(saveDialog.getByText(t('caseView.attachments.unencrypted'))).toBeVisible();
    await shootTall(app, `attachments-${lang}-02-save-copy-warning`, `attachments-${lang}-save-copy`);
    app.nextSavePath(null);
    await saveDialog.getByRole('button', { name: t('caseView.attachments.chooseWhere') }).click();
    await expect(panel.getByText(t('caseView.attachments.notSaved'))).toBeVisible();
    await card.getByRole('button', { name: t('caseView.attachments.saveCopy') }).click();
    app.nextSavePath(target);
    await saveDialog.getByRole('button', { name: t('caseView.attachments.chooseWhere') }).click();
    await expect(panel.getByText(t('caseView.attachments.saved', { name: FILE_NAME }))).toBeVisible();
    expect(app.lastSaveSuggestion()).toEqual({ suggestedName: FILE_NAME, kind: 'attachment' });
    expect(fs.readFileSync(target).equals(pdf)).toBe(true);

    // Delete: a confirmation, and a reason, required.
    await card.getByRole('button', { name: t('caseView.attachments.delete') }).click();
    const confirm = page.getByRole('alertdialog', { name: t('caseView.attachments.deleteTitle', { name: FILE_NAME }) });
    await confirm.getByRole('button', { name: t('caseView.attachments.deleteSubmit') }).click();
    await expect(confirm.getByText(t('validation.required'))).toBeVisible();
    await confirm.getByRole('textbox', { name: t('caseView.attachments.reason') }).fill(lang === 'en' ? 'Uploaded to the wrong case' : 'Subido al caso equivocado');
    await shootTall(app, `attachments-${lang}-03-delete`, `attachments-${lang}-delete`);
    await confirm.getByRole('button', { name: t('caseView.attachments.deleteSubmit') }).click();
    await expect(panel.getByText(t('caseView.attachments.deleted', { name: FILE_NAME }))).toBeVisible();
    await expect(panel.getByText(t('caseView.attachments.empty'))).toBeVisible();
    await shootTall(app, `attachments-${lang}-04-deleted`, `attachments-${lang}-deleted`);

    // In the vault: gone, in the case's history with its name and the reason, and in the trail without either.
    const session = app.core.session!;
    expect(getCaseFile(session, caseId).attachments).toEqual([]);
    const history = caseHistory(session, caseId).filter((h) => h.part === 'attachment');
    expect(history.map((h) => h.field).sort()).toEqual(['deletionReason', 'name']);
    expect(history.find((h) => h.field === 'name')?.oldValue).toBe(JSON.stringify(FILE_NAME));
    const trail = session.vault.db.prepare("SELECT action, detail FROM audit_log WHERE target = ? AND (action = 'case.attachment_exported' OR detail LIKE '%attachment%') ORDER BY seq").all(caseId) as { action: string; detail: string }[];
    expect(trail.map((e) => e.action)).toEqual(['case.changed', 'case.attachment_exported', 'case.changed']);
    expect(JSON.stringify(trail)).not.toMatch(/informe|wrong|equivocado/);
  });
}
