import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNativeBinding, nativeBindingPath, nativeFolderName } from '../../../src/main/shell/native-binding';
import { makeTempDir } from '../../support/temp-dir';

describe('native binding', () => {
  it('is named after the runtime ABI', () => {
    expect(nativeFolderName('150')).toBe('electron-150');
    expect(nativeFolderName()).toBe(`electron-${process.versions.modules}`);
  });

  it('lives in <repo>/native in development and in resources when packaged', () => {
    const repo = path.resolve('/work/amparo');
    expect(nativeBindingPath({ isPackaged: false, mainDir: path.join(repo, 'out', 'main'), abi: '150' })).toBe(
      path.join(repo, 'native', 'electron-150', 'better_sqlite3.node'),
    );
    const resources = path.resolve('/opt/Amparo/resources');
    expect(nativeBindingPath({ isPackaged: true, mainDir: path.join(resources, 'app.asar', 'out', 'main'), resourcesPath: resources, abi: '150' })).toBe(
      path.join(resources, 'native', 'electron-150', 'better_sqlite3.node'),
    );
  });

  it('is passed on only when the file exists', () => {
    const repo = makeTempDir();
    try {
      const options = { isPackaged: false, mainDir: path.join(repo.dir, 'out', 'main'), abi: '150' };
      expect(findNativeBinding(options)).toBeUndefined();
      const file = nativeBindingPath(options);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, '');
      expect(findNativeBinding(options)).toBe(file);
    } finally {
      repo.remove();
    }
  });
});
