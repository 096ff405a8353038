import type { AppCore } from '../../main/core/app/app-core';

/** What a command gets from `runCli`: output lines, and a way to hand over the core to close. */
export interface CommandContext {
  /** A line on standard output (results, reports). */
  say(line: string): void;
  /** A progress line on standard error (no case content). */
  progress(line: string): void;
  /** The one-line error on standard error (`amparo: …`). */
  fail(line: string): void;
  /** Registers the core so that `runCli` closes it whatever happens; returns it. */
  keep(core: AppCore): AppCore;
  nativeBinding?: string;
  /** Switches taken out of the arguments (flags without a value). */
  switches: ReadonlySet<string>;
}
