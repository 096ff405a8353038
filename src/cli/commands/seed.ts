import { AppCore } from '../../main/core/app/app-core';
import { assertMayCreateCases, writeCases } from '../../main/core/cases/batch';
import { syntheticCase } from '../../main/core/cases/synthetic';
import { takeFlags, type ParsedArgs } from '../args';
import type { LineReader } from '../stdin';
import { dataDirOf, parseUsername, parseWholeNumber } from '../options';
import type { CommandContext } from './context';

/** Cases per transaction: big enough to amortise the commit, small enough to keep memory flat. */
export const SEED_BATCH = 1000;
export const MAX_SEED_CASES = 1_000_000;

/**
 * `seed --data-dir DIR --user USERNAME --cases N [--seed S]`: adds N synthetic cases as that
 * caseworker or supervisor, through the same writes as the app, batch by batch. Deterministic:
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
  for (let done = 0; done < count; ) {
    const size = Math.min(SEED_BATCH, count - done);
    writeCases(
      session,
      Array.from({ length: size }, (_, k) => syntheticCase(seed, first + done + k, today)),
    );
    done += size;
    ctx.progress(`seeded ${done}/${count}`);
  }
  ctx.say(`Seeded ${count} synthetic case(s) (seed ${seed}) as ${username} in ${((performance.now() - start) / 1000).toFixed(1)} s.`);
  return 0;
}
