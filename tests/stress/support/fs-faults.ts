import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

/**
 * Where the machine does not allow a small tmpfs to be mounted (an unprivileged container), the
 * disk-full test injects the errors such a file system gives instead: every write of a file under
 * `dir` fails with ENOSPC (opening and creating still work, as on a full disk), or every opening
 * for writing, rename and mkdir there fails with EROFS (a read-only mount). The core calls `fs`
 * and `fs/promises` through their module objects, so patching those objects reaches it —
 * including the PDF stream (fs.write/fs.writev on its descriptor) and the backup's FileHandle.
 * Returns the function that puts everything back.
 */
export type Fault = 'ENOSPC' | 'EROFS';

const TEXT: Record<Fault, { message: string; errno: number }> = {
  ENOSPC: { message: 'no space left on device', errno: -28 },
  EROFS: { message: 'read-only file system', errno: -30 },
};

function fault(code: Fault, syscall: string, file?: string): NodeJS.ErrnoException {
  const error = new Error(`${code}: ${TEXT[code].message}, ${syscall}${file ? ` '${file}'` : ''}`) as NodeJS.ErrnoException;
  error.code = code;
  error.errno = TEXT[code].errno;
  error.syscall = syscall;
  if (file) error.path = file;
  return error;
}

function writes(flags: unknown): boolean {
  if (typeof flags === 'number') return (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT)) !== 0;
  return typeof flags === 'string' && /[wa+]/.test(flags);
}

type AnyFn = (...args: unknown[]) => unknown;

export function injectFault(dir: string, code: Fault): () => void {
  const root = path.resolve(dir);
  const inside = (p: unknown) => typeof p === 'string' && (path.resolve(p) === root || path.resolve(p).startsWith(root + path.sep));
  const fds = new Set<number>();
  const saved: [object, string, unknown][] = [];
  const patch = (target: object, name: string, make: (original: AnyFn) => AnyFn) => {
    const original = (target as Record<string, AnyFn>)[name]!;
    saved.push([target, name, original]);
    (target as Record<string, AnyFn>)[name] = make(original.bind(target));
  };
  const fsObject = fs as unknown as object;
  const promises = [fsp as unknown as object, ...(fs.promises !== fsp ? [fs.promises as unknown as object] : [])];

  patch(fsObject, 'openSync', (original) => (file, flags, ...rest) => {
    if (inside(file) && writes(flags)) {
      if (code === 'EROFS') throw fault(code, 'open', String(file));
      const fd = original(file, flags, ...rest) as number;
      fds.add(fd);
      return fd;
    }
    return original(file, flags, ...rest);
  });
  patch(fsObject, 'closeSync', (original) => (fd) => {
    fds.delete(fd as number);
    return original(fd);
  });
  patch(fsObject, 'writeSync', (original) => (fd, ...rest) => {
    if (fds.has(fd as number)) throw fault(code, 'write');
    return original(fd, ...rest);
  });
  patch(fsObject, 'writeFileSync', (original) => (file, data, ...rest) => {
    if (typeof file === 'number' && fds.has(file)) throw fault(code, 'write');
    if (inside(file)) {
      if (code === 'EROFS') throw fault(code, 'open', String(file));
      // A full disk creates the file, then fails to fill it.
      original(file, '', ...rest);
      throw fault(code, 'write');
    }
    return original(file, data, ...rest);
  });
  for (const name of ['write', 'writev']) {
    patch(fsObject, name, (original) => (fd, ...rest) => {
      if (!fds.has(fd as number)) return original(fd, ...rest);
      const callback = rest.at(-1) as (error: Error) => void;
      process.nextTick(() => callback(fault(code, name)));
      return undefined;
    });
  }
  for (const name of ['renameSync', 'copyFileSync']) {
    patch(fsObject, name, (original) => (from, to, ...rest) => {
      // A rename needs no room; a copy does.
      if (code === 'EROFS' && (inside(to) || (name === 'renameSync' && inside(from)))) throw fault(code, name.replace('Sync', ''), String(to));
      if (code === 'ENOSPC' && name === 'copyFileSync' && inside(to)) throw fault(code, 'copyfile', String(to));
      return original(from, to, ...rest);
    });
  }
  patch(fsObject, 'mkdirSync', (original) => (file, ...rest) => {
    if (code === 'EROFS' && inside(file)) throw fault(code, 'mkdir', String(file));
    return original(file, ...rest);
  });
  for (const target of promises) {
    patch(target, 'open', (original) => async (file, flags, ...rest) => {
      if (!inside(file) || !writes(flags)) return original(file, flags, ...rest);
      if (code === 'EROFS') throw fault(code, 'open', String(file));
      const handle = (await original(file, flags, ...rest)) as fsp.FileHandle;
      const fail = async () => {
        throw fault(code, 'write');
      };
      return Object.assign(handle, { write: fail, writev: fail, writeFile: fail, appendFile: fail });
    });
  }
  return () => {
    for (const [target, name, original] of saved.reverse()) (target as Record<string, unknown>)[name] = original;
    saved.length = 0;
  };
}
