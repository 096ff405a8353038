import { basename, join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import type { SaveFileKind } from '../core/app/app-core';
import type { Language } from '../../shared/languages';

const FILTERS: Record<SaveFileKind, Electron.FileFilter> = {
  csv: { name: 'CSV', extensions: ['csv'] },
  xlsx: { name: 'Excel', extensions: ['xlsx'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
  json: { name: 'JSON', extensions: ['json'] },
  backup: { name: 'Amparo backup', extensions: ['amparo-backup'] },
  referral: { name: 'Amparo referral package', extensions: ['amparo-referral'] },
  'organisation-key': { name: 'Amparo organisation key', extensions: ['amparo-key'] },
  attachment: { name: 'All files', extensions: ['*'] },
};

/** A copy of an attachment is the one plaintext file Amparo writes: the dialog says so (its message shows on macOS). */
const UNENCRYPTED_COPY = {
  en: { title: 'Save an unencrypted copy', message: 'This copy will NOT be encrypted: anyone who can open this folder can read it. Delete it when you no longer need it.' },
  es: { title: 'Guardar una copia sin cifrar', message: 'Esta copia NO estará cifrada: cualquiera que pueda abrir esta carpeta podrá leerla. Bórrela cuando ya no la necesite.' },
} as const satisfies Record<Language, { title: string; message: string }>;

/**
 * The main process's save dialog for exports: the person chooses where, the core writes there.
 * The renderer never sees the path. The suggestion is a bare file name in the Documents folder;
 * the path is used as chosen (the dialog has already confirmed any overwrite). Null when cancelled.
 */
export async function pickSavePath(win: BrowserWindow | null, suggestedName: string, kind: SaveFileKind, language: Language = 'en'): Promise<string | null> {
  const options: Electron.SaveDialogOptions = {
    ...(kind === 'attachment' ? UNENCRYPTED_COPY[language] : {}),
    defaultPath: join(app.getPath('documents'), basename(suggestedName)),
    filters: [FILTERS[kind]],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const result = win && !win.isDestroyed() ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return null;
  return result.filePath;
}
