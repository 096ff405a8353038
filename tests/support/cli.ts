import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/main';

/** Runs the CLI in-process with these arguments and stdin lines; returns its exit code and output. */
export async function cli(args: string[], stdinLines: string[] = []) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  stdin.end(stdinLines.map((l) => l + '\n').join(''));
  const code = await runCli(args, { stdin, stdout, stderr });
  return { code, out, err };
}

/** Every file of a folder with its bytes (base64), to show a command changed nothing; null if absent. */
export const snapshot = (dir: string) =>
  fs.existsSync(dir) ? Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f)).toString('base64')])) : null;
