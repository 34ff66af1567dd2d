/**
 * A flood of junk at the exchange endpoint of a node with its default limits, over real sockets from
 * four loopback addresses other than the real peer's: the database barely grows, and a real peer's
 * message sent during the flood goes through at once.
 */
import http from 'node:http';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverAll } from '../../../../test/factories.js';
import { canonicalize } from '../../../domain/canonical-json.js';
import { uuidv7 } from '../../../domain/messages/envelope.js';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../platform/clock.js';
import { base64UrlEncode } from '../../platform/crypto/hash.js';
import { enqueueWithDocument, hasAccepted, startTwoNodes, type TestNode } from './http-nodes.fixture.js';

const clock = fixedClock('2026-12-02T09:00:00Z');
const JUNK = 1000;
const SOCKETS = 8;
const SOURCES = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5'];
const MB = 1024 * 1024;

let police: TestNode;
let judiciary: TestNode;
let station: { id: string; code: string };
let office: { code: string };

/** `{ jws }` of about `bytes` bytes: a JWS with this kid whose payload is an envelope claiming `node`, and a junk signature. */
function junkBody(input: { kid: string; node: string; bytes: number }): Buffer {
  const envelope = (note: string) =>
    canonicalize({
      id: uuidv7(),
      type: 'case.supplemented',
      from: { node: input.node, org: 'KL-1' },
      to: { node: judiciary.exchange.nodeId, org: office.code },
      caseRef: 'case-junk',
      thread: { prev: null, seq: 1 },
      createdAt: clock.now().toISOString(),
      createdBy: 'x',
      body: { note, answers: null, parties: [] },
      documents: [],
    });
  const header = base64UrlEncode(JSON.stringify({ alg: 'EdDSA', kid: input.kid }));
  const signature = base64UrlEncode(new Uint8Array(64).fill(1));
  const overhead = `{"jws":"${header}.${base64UrlEncode(envelope(''))}.${signature}"}`.length;
  const note = 'x'.repeat(Math.floor(((input.bytes - overhead) * 3) / 4));
  return Buffer.from(JSON.stringify({ jws: `${header}.${base64UrlEncode(envelope(note))}.${signature}` }));
}

/**
 * Posts junk from `localAddress`: `body` whole, or — for a body that claims to be `declared` bytes — as
 * much of it as the server reads before it answers. Gives the status, or 0 if the connection was cut first.
 */
function postJunk(url: string, localAddress: string, body: Buffer, declared = body.length): Promise<number> {
  return new Promise((resolve) => {
    let answered = false;
    const req = http.request(
      new URL('/exchange/v1/messages', url),
      {
        method: 'POST',
        localAddress,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': declared },
      },
      (res) => {
        answered = true;
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      },
    );
    req.on('error', () => {
      if (!answered) resolve(0);
    });
    if (declared === body.length) req.end(body);
    else {
      // Keep sending 1 MB pieces of an 8 MB body until the server answers (or cuts the connection).
      const pump = (sent: number) => {
        if (answered || req.destroyed || sent >= declared) return;
        req.write(body.subarray(0, Math.min(body.length, declared - sent)), () => pump(sent + body.length));
      };
      pump(0);
    }
  });
}

async function sizes(db: Db) {
  const { rows } = await sql<{ database: string; evidence: string; refused: string }>`
    select pg_database_size(current_database()) as database,
      pg_total_relation_size('evidence_log') as evidence,
      pg_total_relation_size('refused_messages') as refused`.execute(db);
  const row = rows[0]!;
  return { database: Number(row.database), evidence: Number(row.evidence), refused: Number(row.refused) };
}

/** A message with one document from the police station to the office, delivered now; gives its id and how long it took. */
async function deliverReal(caseRef: string) {
  const { sent } = await enqueueWithDocument({
    from: police,
    station,
    to: judiciary,
    office,
    caseRef,
    bytes: 100_000,
    now: clock.now(),
  });
  const started = performance.now();
  await deliverAll({ db: police.db, clock, exchange: police.exchange });
  const ms = performance.now() - started;
  return { accepted: await hasAccepted(judiciary, sent.id), ms };
}

describe('a flood of junk messages from strangers', () => {
  beforeAll(async () => {
    ({ police, judiciary, station, office } = await startTwoNodes({
      clock,
      nodes: ['police-flood', 'judiciary-flood'],
      codes: ['KL-301', 'DA-31'],
    }));
  });

  it('grows the database by less than 5 MB and lets a real peer\u2019s message through at once', async () => {
    const limit = 2 * MB; // the default EXCHANGE_MAX_MESSAGE_BYTES
    const underLimit = limit - 1024;
    const kinds = [
      { name: 'over the limit (8 MB)', body: Buffer.alloc(MB, 'x'), declared: 8 * MB },
      {
        name: 'made-up kid',
        body: junkBody({ kid: 'made-up', node: police.exchange.nodeId, bytes: underLimit }),
      },
      { name: 'unknown node', body: junkBody({ kid: 'ghost-key', node: 'ghost-node', bytes: underLimit }) },
      {
        name: 'bad signature',
        body: junkBody({ kid: police.exchange.signer.kid, node: police.exchange.nodeId, bytes: underLimit }),
      },
    ];
    for (const kind of kinds.slice(1)) expect(kind.body.length).toBeGreaterThan(limit - 4096);
    const before = await sizes(judiciary.db);

    let next = 0;
    const statuses: number[] = [];
    const flood = Promise.all(
      Array.from({ length: SOCKETS }, async (_, socket) => {
        for (let n = next++; n < JUNK; n = next++) {
          const kind = kinds[n % kinds.length]!;
          statuses.push(
            await postJunk(judiciary.url, SOURCES[socket % SOURCES.length]!, kind.body, kind.declared),
          );
        }
      }),
    );
    // A real peer's message during the flood, from its own address, and another after it.
    while (statuses.length < JUNK / 4) await new Promise((resolve) => setTimeout(resolve, 20));
    const during = await deliverReal('case-flood-during');
    await flood;
    const after = await deliverReal('case-flood-after');
    const grown = await sizes(judiciary.db);

    expect(statuses).toHaveLength(JUNK);
    expect(statuses.filter((s) => ![0, 413, 422, 429].includes(s))).toEqual([]);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(JUNK / 2);
    expect(during).toMatchObject({ accepted: true });
    expect(after).toMatchObject({ accepted: true });
    expect(during.ms).toBeLessThan(5000);
    expect(after.ms).toBeLessThan(2000);
    expect(grown.database - before.database).toBeLessThan(5 * MB);
    expect(grown.evidence - before.evidence).toBeLessThan(5 * MB);
    const records = await judiciary.db
      .selectFrom('refused_messages')
      .select(({ fn }) => ['source_address', fn.countAll<string>().as('n')])
      .groupBy('source_address')
      .orderBy('source_address')
      .execute();
    // Each source leaves at most its refusals of one minute (the clock stands still here).
    expect(records.map((r) => r.source_address)).toEqual(SOURCES);
    for (const r of records) expect(Number(r.n)).toBeLessThanOrEqual(30);
    console.info(
      `flood: ${JUNK} junk messages, ${statuses.filter((s) => s === 429).length} answered 429, ` +
        `${statuses.filter((s) => s === 413).length} 413, ${statuses.filter((s) => s === 422).length} 422, ` +
        `${statuses.filter((s) => s === 0).length} cut; database +${((grown.database - before.database) / 1024).toFixed(0)} KB, ` +
        `evidence log +${((grown.evidence - before.evidence) / 1024).toFixed(0)} KB, ` +
        `refused_messages +${((grown.refused - before.refused) / 1024).toFixed(0)} KB; ` +
        `real message during the flood ${during.ms.toFixed(0)} ms, after ${after.ms.toFixed(0)} ms`,
    );
  }, 60_000);
});
