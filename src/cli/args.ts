/** A tiny parser for `command [subcommand] --flag value …`: every flag takes one value. */
export class UsageError extends Error {}

export interface ParsedArgs {
  command: string[];
  flags: Map<string, string>;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const command: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const name = arg.slice(2);
      const value = argv[i + 1];
      if (!name || value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      if (flags.has(name)) throw new UsageError(`--${name} given twice`);
      flags.set(name, value);
      i++;
    } else {
      command.push(arg);
    }
  }
  return { command, flags };
}

export function takeFlags(args: ParsedArgs, required: readonly string[], optional: readonly string[] = []): Record<string, string | undefined> {
  const known = new Set([...required, ...optional]);
  for (const name of args.flags.keys()) if (!known.has(name)) throw new UsageError(`unknown option --${name}`);
  const out: Record<string, string | undefined> = {};
  for (const name of required) {
    const value = args.flags.get(name);
    if (value === undefined) throw new UsageError(`--${name} is required`);
    out[name] = value;
  }
  for (const name of optional) out[name] = args.flags.get(name);
  return out;
}
