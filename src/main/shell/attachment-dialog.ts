import { stat, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { dialog, type BrowserWindow } from 'electron';
import { AppError } from '../../shared/errors';
import { BACKUP_EXTENSION } from '../../shared/backup';
import { MAX_ATTACHMENT_BYTES } from '../core/cases/attachments';
import type { OpenFileKind, PickedFile } from '../core/app/app-core';

/**
 * The main process's open dialog: the person picks a file, the main process reads it and hands
 * the bytes to the core, which stores them encrypted in the vault. The renderer never sees a path.
 */
export async function pickAttachment(win: BrowserWindow | null): Promise<PickedFile | null> {
  const options: Electron.OpenDialogOptions = {
    properties: ['openFile'],
    filters: [
      { name: 'Images and PDF', extensions: ['png', 'jpg', 'jpeg', 'gif', 'webp', 'pdf'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const result = win && !win.isDestroyed() ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  const path = result.filePaths[0];
  if (result.canceled || !path) return null;
  // Checked before reading, so a huge file is never loaded into memory.
  if ((await stat(path)).size > MAX_ATTACHMENT_BYTES) {
    throw new AppError('ATTACHMENT_TOO_LARGE', `An attachment can be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB; nothing was added.`);
  }
  return { name: basename(path), bytes: new Uint8Array(await readFile(path)) };
}

/** Bigger than any referral package or key file: a larger file is not read into memory. */
const MAX_EXCHANGE_BYTES = 32 * 1024 * 1024;

const EXCHANGE_FILTERS: Record<Exclude<OpenFileKind, 'attachment'>, Electron.FileFilter> = {
  referral: { name: 'Amparo referral package', extensions: ['amparo-referral'] },
  'organisation-key': { name: 'Amparo organisation key', extensions: ['amparo-key', 'json'] },
};

/**
 * The open dialog for what organisations exchange (a referral package, a partner's key file):
 * the main process reads the file and hands its bytes to the core, which checks everything.
 */
export async function pickExchangeFile(win: BrowserWindow | null, kind: Exclude<OpenFileKind, 'attachment'>): Promise<PickedFile | null> {
  const options: Electron.OpenDialogOptions = { properties: ['openFile'], filters: [EXCHANGE_FILTERS[kind], { name: 'All files', extensions: ['*'] }] };
  const result = win && !win.isDestroyed() ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  const path = result.filePaths[0];
  if (result.canceled || !path) return null;
  if ((await stat(path)).size > MAX_EXCHANGE_BYTES) {
    throw new AppError(kind === 'referral' ? 'REFERRAL_INVALID' : 'PARTNER_KEY_INVALID', 'This file is too large; nothing was read.');
  }
  return { name: basename(path), bytes: new Uint8Array(await readFile(path)) };
}

/**
 * The open dialog for a backup to restore: only its path goes to the core, which streams and
 * authenticates the file itself (a backup can be far too large to read into memory).
 */
export async function pickBackupPath(win: BrowserWindow | null): Promise<string | null> {
  const options: Electron.OpenDialogOptions = { properties: ['openFile'], filters: [{ name: 'Amparo backup', extensions: [BACKUP_EXTENSION] }, { name: 'All files', extensions: ['*'] }] };
  const result = win && !win.isDestroyed() ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  const path = result.filePaths[0];
  return result.canceled || !path ? null : path;
}
