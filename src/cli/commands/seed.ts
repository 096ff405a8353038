import { AppCore } from '../../main/core/app/app-core';
import { assertMayCreateCases } from '../../main/core/cases/batch';
import { seedCases } from '../../main/core/cases/seed/seeder';
import { takeFlags, type ParsedArgs } from '../args';
import type { LineReader } from '../stdin';
import { dataDirOf, parseUsername, parseWholeNumber } from '../options';
import type { CommandContext } from './context';

/** Cases per transaction at most: big enough to amortise the commit, small enough to keep memory flat (about 50 MB a batch). */
export const SEED_BATCH = 5000;
export const MAX_SEED_CASES = 1_000_000;

/**
 * `seed --data-dir DIR --user USERNAME --cases N [--seed S]`: adds N synthetic cases as that
 * caseworker or supervisor, planned and written as the app creates a case (cases/seed/seeder.ts),
 * batch by batch. Deterministic:
 * case k of seed S is always the same file (dates relative to the vault's clock); a vault that
 * already holds cases continues the sequence after them.
 */
export async function seedCommand(args: ParsedArgs, stdin: LineReader, ctx: CommandContext): Promise<number> {
  const f = takeFlags(args, ['user', 'cases'], ['data-dir', 'seed']);
  const username = parseUsername(f.user!);
  const count = parseWholeNumber('cases', f.cases!, 1, MAX_SEED_CASES);
  const seed = f.seed === undefined ? 1 : parseWholeNumber('seed', f.seed, 0, 2 ** 32 - 1);
  const core = ctx.keep(new AppCore({ dataDir: dataDirOf(f), nativeBinding: ctx.nativeBinding }));
  const passphrase = await stdin.next('Passphrase: ');
  await core.login(username, passphrase);
  const session = core.session!;
  assertMayCreateCases(session);
  const today = core.location.now().toISOString().slice(0, 10);
  const start = performance.now();
  const first = (session.vault.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  await seedCases(session, { seed, count, first, today, batchSize: SEED_BATCH, onProgress: (done) => ctx.progress(`seeded ${done}/${count}`) });
  ctx.say(`Seeded ${count} synthetic case(s) (seed ${seed}) as ${username} in ${((performance.now() - start) / 1000).toFixed(1)} s.`);
  return 0;
}
