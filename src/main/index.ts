import { app } from 'electron';
import { findNativeBinding } from './shell/native-binding';

// ES modules load asynchronously: both branches are awaited at the top level so that their
// set-up (paths, privileged scheme) runs before the app's `ready` event.
if (process.argv.includes('--cli')) {
  const { runCli } = await import('../cli/main');
  const code = await runCli(
    process.argv.slice(process.argv.indexOf('--cli') + 1),
    { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
    // Under Electron the SQLCipher addon must be the one built for Electron's ABI.
    { nativeBinding: findNativeBinding({ isPackaged: app.isPackaged, mainDir: import.meta.dirname, resourcesPath: process.resourcesPath }) },
  );
  app.exit(code);
} else {
  const { startShell } = await import('./shell/app');
  startShell({ mainDir: import.meta.dirname });
}
