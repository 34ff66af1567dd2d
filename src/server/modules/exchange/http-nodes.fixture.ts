/**
 * Test fixture (used by the HTTP and HTTPS exchange tests): nodes of their own — database, app, exchange and
 * blob store — listening on loopback, introduced to each other as operators do with trust entries, and a
 * signed message between two of their organisations put in the sender's outbox.
 */
import { Readable } from 'node:stream';
import { useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { BlobStore } from '../../platform/blob-store/blob-store.js';
import type { Clock } from '../../platform/clock.js';
import { createOrganisation } from '../organisations/organisations.usecase.js';
import type { Exchange } from './exchange.js';
import { enqueueMessage } from './outbox.js';
import { exportOwnTrustEntry, upsertPeer } from './trust.repository.js';

/** One node: its database, app, exchange and blob store, listening on loopback at `url`. */
export interface TestNode {
  db: Db;
  app: App;
  exchange: Exchange;
  blobs: BlobStore;
  url: string;
  port: number;
}

/** A node on a database of its own, listening on a free loopback port (HTTPS when `config.tls` is set). */
export async function startTestNode(
  nodeId: string,
  clock: Clock,
  config: Partial<Config> = {},
): Promise<TestNode> {
  const { db } = await useTestDatabase();
  const { app, exchange, blobs } = await useTestApp(db, { clock, config: { ...config, nodeId } });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { db, app, exchange, blobs, url, port: Number(new URL(url).port) };
}

/** An organisation hosted by the node, in Tehran. */
export async function addOrganisation(
  node: TestNode,
  clock: Clock,
  code: string,
  kind: 'station' | 'prosecutor_office',
) {
  return createOrganisation({
    db: node.db,
    clock,
    actor: null,
    nodeId: node.exchange.nodeId,
    body: {
      code,
      kind,
      nameFa: `واحد ${code}`,
      nameEn: code,
      provinceCode: 'IR-23',
      countyCode: 'IR-23-TEHRAN',
    },
  });
}

/** Each node imports the other's trust entry: node id, URL, public keys, organisations. */
export async function introduce(a: TestNode, b: TestNode): Promise<void> {
  await upsertPeer(
    a.db,
    await exportOwnTrustEntry(b.db, { nodeId: b.exchange.nodeId, baseUrl: b.url, keys: b.exchange.keys }),
  );
  await upsertPeer(
    b.db,
    await exportOwnTrustEntry(a.db, { nodeId: a.exchange.nodeId, baseUrl: a.url, keys: a.exchange.keys }),
  );
}

/** A station's `case.supplemented` to an office on another node, with PDFs by hash, put in the outbox. */
export async function enqueueSupplement(input: {
  from: TestNode;
  station: { id: string; code: string };
  to: TestNode;
  office: { code: string };
  caseRef: string;
  documents?: { sha256: string; size: number }[];
  now: Date;
}) {
  return input.from.db.transaction().execute((tx) =>
    enqueueMessage(tx, {
      signer: input.from.exchange.signer,
      now: input.now,
      message: {
        type: 'case.supplemented',
        from: { orgId: input.station.id, orgCode: input.station.code },
        to: { node: input.to.exchange.nodeId, org: input.office.code },
        caseRef: input.caseRef,
        createdBy: 'chief',
        body: { note: 'پیوست گزارش تکمیلی', answers: null, parties: [] },
        documents: (input.documents ?? []).map((d, i) => ({
          sha256: d.sha256,
          size: d.size,
          mediaType: 'application/pdf',
          name: `پیوست-${i}.pdf`,
          kind: 'evidence',
        })),
      },
    }),
  );
}

/** A police node with a station and a judiciary node with an office, introduced to each other. */
export async function startTwoNodes(input: {
  clock: Clock;
  nodes: [police: string, judiciary: string];
  codes: [station: string, office: string];
  config?: Partial<Config>;
}) {
  const police = await startTestNode(input.nodes[0], input.clock, input.config);
  const judiciary = await startTestNode(input.nodes[1], input.clock, input.config);
  const station = await addOrganisation(police, input.clock, input.codes[0], 'station');
  const office = await addOrganisation(judiciary, input.clock, input.codes[1], 'prosecutor_office');
  await introduce(police, judiciary);
  return { police, judiciary, station, office };
}

/** `enqueueSupplement` with one PDF of `bytes` bytes, stored first at the sending node. */
export async function enqueueWithDocument(
  input: Omit<Parameters<typeof enqueueSupplement>[0], 'documents'> & { bytes: number },
) {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(input.bytes, input.caseRef.length)]);
  const stored = await input.from.blobs.put(Readable.from([pdf]), { maxBytes: pdf.length });
  return { stored, sent: await enqueueSupplement({ ...input, documents: [stored] }) };
}

/** Whether the node has accepted the message with this id. */
export async function hasAccepted(node: TestNode, id: string): Promise<boolean> {
  const rows = await node.db
    .selectFrom('messages')
    .select('id')
    .where('direction', '=', 'in')
    .where('id', '=', id)
    .execute();
  return rows.length === 1;
}
