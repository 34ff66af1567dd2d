import type { Config } from '../server/config.js';
import { demoCredentialLines, hasOrganisations, seedDemo } from '../server/demo/seed-demo.js';
import { playDemoExchange } from '../server/demo/demo-exchange.js';
import { seedFromText } from '../server/demo/random.js';
import { systemClock } from '../server/platform/clock.js';
import { CliError, withDatabase, type CliIo } from './cli-context.js';

export interface SeedOptions {
  demo: boolean;
  cases: number;
  seed: string;
}

/**
 * `casebridge seed --demo [--cases N] [--seed S]`: seeds the demo into an empty node — also into a
 * DATABASE_URL server, since here it is asked for — and plays the exchange for part of its cases. Prints
 * progress, the rate, what was exchanged, and the demo log-ins once.
 */
export async function runSeed(config: Config, options: SeedOptions, io: CliIo): Promise<number> {
  if (!options.demo) throw new CliError('nothing to seed: pass --demo (the only kind of seed data there is)');
  if (!Number.isSafeInteger(options.cases) || options.cases < 0)
    throw new CliError('--cases must be a whole number ≥ 0');
  const result = await withDatabase(config, 'prepare', async ({ db }) => {
    if (await hasOrganisations(db))
      throw new CliError('this node already has organisations: the demo is seeded only into an empty node');
    let lastReport = performance.now();
    const seeded = await seedDemo({
      db,
      clock: systemClock,
      nodeId: config.nodeId,
      cases: options.cases,
      seed: seedFromText(options.seed),
      onProgress: (done, total) => {
        if (done < total && performance.now() - lastReport < 5000) return;
        lastReport = performance.now();
        io.out(`cases: ${done} / ${total}`);
      },
    });
    const exchanged = await playDemoExchange({ db, config, now: systemClock.now(), seed: seeded.seed });
    return { ...seeded, exchanged };
  });
  const rate = result.seconds > 0 ? Math.round(result.cases / result.seconds) : result.cases;
  io.out(
    `seeded ${result.organisations} organisations, ${result.users.length} users and ${result.cases} cases in ${result.seconds.toFixed(1)} s (${rate} cases/s)`,
  );
  const x = result.exchanged;
  io.out(
    `exchanged: ${x.sent} files sent, ${x.registered} registered, ${x.returned} returned (${x.supplemented} supplemented), ${x.rejected} rejected, ${x.orders} judicial orders, ${x.escorts} escorts`,
  );
  for (const line of demoCredentialLines(result)) io.out(line);
  return 0;
}
