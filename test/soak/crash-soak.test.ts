import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../db.js';
import { formatSoak, runCrashSoak } from './crash-soak.js';

/** The bounded crash soak (the long one: `npm run soak -- --kills 100`). */
const KILLS = 10;
const SEED = 20_251_206;

const police = await useTestDatabase();
const judiciary = await useTestDatabase();

describe('two nodes SIGKILLed again and again under a steady send load', () => {
  it(
    `delivers every case sent exactly once through ${KILLS} kills, drains both outboxes, and keeps both chains and the evidence verifiable`,
    { timeout: 360_000 },
    async () => {
      const result = await runCrashSoak({
        kills: KILLS,
        seed: SEED,
        databaseUrls: [police.url, judiciary.url],
        maxLifeMs: 2_000,
        spares: 2,
        log: (line) => console.log(line),
      });
      console.log(formatSoak(result));
      expect(result.kills.sender + result.kills.receiver).toBeGreaterThanOrEqual(KILLS);
      expect(result.sent).toBeGreaterThan(0);
      expect(result.received).toBe(result.sent);
      expect(result.duplicates).toEqual([]);
      expect(result.missing).toEqual([]);
      expect(result.outboxLeft).toEqual({ sender: 0, receiver: 0 });
      expect(result.audit.sender).toMatch(/^ok/);
      expect(result.audit.receiver).toMatch(/^ok/);
      expect(result.evidence.checked).toBeGreaterThan(0);
      expect(result.evidence.failures).toEqual([]);
      expect(result.problems).toEqual([]);
    },
  );
});
