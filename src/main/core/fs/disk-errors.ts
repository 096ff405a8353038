import { AppError } from '../../../shared/errors';

/**
 * A write refused by the disk — full, or read-only / not ours to write — as a clear error
 * instead of INTERNAL: the file system's errno (ENOSPC, EROFS, …) or SQLite's code for the same
 * (SQLITE_FULL, SQLITE_READONLY…). Every write of Amparo is a transaction or a temporary file
 * renamed when complete, so when one of these is thrown nothing was saved. Null for anything else.
 */
export function diskError(error: unknown): AppError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return diskFull();
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM' || code.startsWith('SQLITE_READONLY')) return readOnly();
  return null;
}

export function diskFull(): AppError {
  return new AppError('DISK_FULL', 'There is no room left on the disk Amparo was writing to. Nothing was saved; free some space (or choose another place) and try again.');
}

export function readOnly(): AppError {
  return new AppError('READ_ONLY', 'Amparo cannot write there: the disk or folder is read-only, or not open to it. Nothing was saved.');
}
