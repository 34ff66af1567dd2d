import { planRollout } from '../../../domain/rollout/planner.js';
import type { RegisterUnit } from '../../../domain/rollout/units.schema.js';
import type { Tx } from '../../db/client.js';
import { replacePlan, updateRolloutUnit } from './rollout.repository.js';
import { upsertUnits } from './units.repository.js';

const DAY = 86_400_000;

/**
 * The demo's rollout, written in the caller's transaction (the demo seeding's): the synthetic register, the plan
 * for 60 % of thefts in waves of 60 — the first wave due a month ago, so that it shows as late, the others a
 * month apart — and the units named in `liveSince` declared live then.
 */
export async function seedDemoRollout(
  tx: Tx,
  input: { units: readonly RegisterUnit[]; now: Date; liveSince: ReadonlyMap<string, Date> },
): Promise<{ units: number; chosen: number }> {
  await upsertUnits(tx, input.units, input.now, true);
  const plan = planRollout(input.units, {
    target: 0.6,
    perProvince: 1,
    waveSize: 60,
    include: [...input.liveSince.keys()],
  });
  const firstDue = input.now.getTime() - 30 * DAY;
  await replacePlan(tx, {
    units: plan.chosen.map((c) => ({ code: c.unit.code, wave: c.wave, rank: c.rank })),
    waves: Array.from({ length: plan.waves }, (_, i) => ({
      wave: i + 1,
      dueAt: new Date(firstDue + i * 30 * DAY),
    })),
    at: input.now,
  });
  for (const [code, at] of input.liveSince) await updateRolloutUnit(tx, code, { liveAt: at }, input.now);
  return { units: input.units.length, chosen: plan.chosen.length };
}
