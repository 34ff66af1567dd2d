import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';
import { useTestDatabase } from '../../test/db.js';
import { toCsv } from '../domain/csv.js';
import { UNIT_CSV_COLUMNS } from '../domain/rollout/units.schema.js';
import { demoUnitsRegister } from '../server/demo/demo-units.js';
import { makeCase, makeJurisdiction, makeUser } from '../../test/factories.js';
import { TEST_NODE_ID } from '../../test/exchange.js';
import type { Db } from '../server/db/client.js';
import { loadConfig } from '../server/config.js';
import { CliError } from './cli-error.js';
import { runRolloutPlan } from './rollout-plan.js';
import { runUnitsImport } from './units-import.js';

const config = () => loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });

let url = '';

describe('casebridge units import and rollout plan', () => {
  let dir: string;
  let registerFile: string;
  let db: Db;

  beforeAll(async () => {
    ({ db, url } = await useTestDatabase());
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-rollout-'));
    registerFile = path.join(dir, 'units.csv');
    const units = demoUnitsRegister(7, 300);
    await fs.writeFile(
      registerFile,
      toCsv(
        UNIT_CSV_COLUMNS,
        units.map((u) => [u.code, u.nameFa, u.province, u.county, u.kind, u.thefts, u.visits]),
      ),
    );
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('plans from a register file and writes the plan as CSV', async () => {
    const out = path.join(dir, 'plan.csv');
    const run = await runCli([
      'rollout',
      'plan',
      '--from',
      registerFile,
      '--thefts',
      '0.6',
      '--per-province',
      '1',
      '--wave-size',
      '10',
      '--out',
      out,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary =
      /^(\d+) of 300 units \([\d.]+ %\) cover ([\d.]+) % of thefts and ([\d.]+) % of visits, in (\d+) wave\(s\)$/m.exec(
        run.stdout,
      );
    expect(summary).not.toBeNull();
    const lines = (await fs.readFile(out, 'utf8')).trimEnd().split('\r\n');
    expect(lines[0]).toBe('wave,rank,code,name_fa,province,county,thefts,visits,cumulative_theft_share');
    expect(lines).toHaveLength(Number(summary?.[1]) + 1);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows[0]?.slice(0, 2)).toEqual(['1', '1']);
    expect(rows[10]?.slice(0, 2)).toEqual(['2', '11']);
    expect(Number(rows.at(-1)?.[8])).toBeGreaterThanOrEqual(0.6);
    expect(new Set(rows.map((r) => r[4])).size).toBe(31);
  });

  it('refuses a target outside (0, 1] and a bad register, naming the option or the line and field', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    await expect(runRolloutPlan({ from: registerFile, thefts: '1.5' }, io)).rejects.toThrow(
      new CliError('--thefts 1.5: must be a share in (0, 1], e.g. 0.6'),
    );
    await expect(runRolloutPlan({ from: registerFile, thefts: '۰٫۶' }, io)).rejects.toThrow(/--thefts/);
    const file = path.join(dir, 'bad.csv');
    await fs.writeFile(
      file,
      'code,name_fa,province,county,kind,thefts,visits\nA,الف,IR-23,تهران,station,-2,1\nA,الف,IR-23,تهران,station,2,1\n',
    );
    await expect(runUnitsImport(config(), file, io)).rejects.toThrow(`${file}: 2 issue(s); nothing imported`);
    expect(lines).toEqual([
      `${file}: line 2, thefts: a count cannot be negative [units.csv.negative_count]`,
      `${file}: line 3, code: A is already on line 2 [units.csv.duplicate_code]`,
    ]);
    expect(await db.selectFrom('units').select('code').execute()).toEqual([]);
  });

  it('imports the register into the node, updating by code on a second import', async () => {
    // In this process: a child process per command costs seconds (the command's wiring is proven above).
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    await runUnitsImport(config(), registerFile, io);
    await runUnitsImport(config(), registerFile, io);
    expect(lines).toEqual([
      `300 units imported from ${registerFile}: 300 new, 0 updated`,
      `300 units imported from ${registerFile}: 0 new, 300 updated`,
    ]);
    expect(await db.selectFrom('units').select('code').execute()).toHaveLength(300);
  });

  it('plans with --figures files from the own files of the units on this node, and refuses another source', async () => {
    const { station } = await makeJurisdiction(db);
    const officer = {
      userId: (await makeUser(db, station.id, 'station.officer')).id,
      orgId: station.id,
      role: 'station.officer' as const,
    };
    await makeCase(db, officer, { crimeCategoryCode: 'theft' });
    const file = path.join(dir, 'two.csv');
    await fs.writeFile(
      file,
      `code,name_fa,province,county,kind,thefts,visits\n${station.code},الف,IR-23,تهران,station,100,1\nB-2,ب,IR-07,شیراز,station,50,1\n`,
    );
    const out = path.join(dir, 'two-plan.csv');
    const chosen = async (figures: string) => {
      const io = { out: () => {}, err: () => {} };
      const onNode = () => loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', NODE_ID: TEST_NODE_ID });
      await runRolloutPlan({ from: file, thefts: '0.6', figures, out }, io, onNode);
      return (await fs.readFile(out, 'utf8'))
        .trimEnd()
        .split('\r\n')
        .slice(1)
        .map((l) => l.split(',')[2]);
    };
    expect(await chosen('register')).toEqual([station.code]);
    expect(await chosen('files')).toEqual(['B-2']); // the station's own files: 1 theft, not the register's 100
    await expect(chosen('guess')).rejects.toThrow(new CliError('--figures guess: must be register or files'));
  });
});
