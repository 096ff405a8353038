import { runCli } from './main';

// `npm run cli -- <command>`; the packaged app runs the same through `amparo --cli <command>`.
runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 1;
  },
);
