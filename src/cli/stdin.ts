import type { Readable, Writable } from 'node:stream';

/**
 * Reads passphrases from standard input, one per line: never from an argument or the
 * environment, where other users and shell history could see them. On a terminal the typing
 * is not echoed.
 */
export interface LineReader {
  next(prompt: string): Promise<string>;
}

export function lineReader(input: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown }, prompts: Writable): LineReader {
  const queue: string[] = [];
  let buffer = '';
  let ended = false;
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  input.setEncoding?.('utf8');
  input.on('data', (chunk: string) => {
    for (const char of chunk) {
      if (input.isTTY && char === '\u0003') process.exit(130); // Ctrl+C in raw mode
      if (char === '\n' || char === '\r') {
        if (char === '\r' && !input.isTTY) continue;
        queue.push(buffer);
        buffer = '';
        if (input.isTTY) prompts.write('\n');
      } else if (input.isTTY && (char === '\u007f' || char === '\b')) {
        buffer = buffer.slice(0, -1);
      } else {
        buffer += char;
      }
    }
    wake();
  });
  input.on('end', () => {
    ended = true;
    if (buffer) queue.push(buffer);
    buffer = '';
    wake();
  });
  input.pause();

  return {
    async next(prompt) {
      if (input.isTTY) {
        prompts.write(prompt);
        input.setRawMode?.(true);
      }
      input.resume();
      while (queue.length === 0 && !ended) await new Promise<void>((r) => waiters.push(r));
      input.pause();
      if (input.isTTY) input.setRawMode?.(false);
      const line = queue.shift();
      if (line === undefined) throw new StdinEndedError();
      return line;
    },
  };
}

export class StdinEndedError extends Error {
  constructor() {
    super('standard input ended before a passphrase was read');
  }
}
