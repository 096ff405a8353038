import { stat, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { dialog, type BrowserWindow } from 'electron';
import { AppError } from '../../shared/errors';
import { MAX_ATTACHMENT_BYTES } from '../core/cases/attachments';
import type { PickedFile } from '../core/app/app-core';

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
