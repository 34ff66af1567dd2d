/**
 * Test fixture (used by the evidence tests only): makes messages about one case flow both ways between a
 * station and its prosecutor's office on one node, with documents, exactly as the exchange does it —
 * outbox, delivery worker, local transport, receiver, receipts and evidence log.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { MessageDocument } from '../../../domain/messages/envelope.js';
import type { Db } from '../../db/client.js';
import type { BlobStore } from '../../platform/blob-store/blob-store.js';
import { systemClock } from '../../platform/clock.js';
import { createLogger } from '../../platform/logger.js';
import { deliverDue, enqueueMessage, type OutgoingMessage } from '../exchange/index.js';
import type { Exchange } from '../exchange/index.js';

type Org = { id: string; code: string };

/** What the fixture sent: the message ids in order, and the documents. */
export interface CaseExchange {
  caseRef: string;
  /** station → office: seq 1 (with document A), 2, 3 (with document A again). */
  stationMessages: string[];
  /** office → station: seq 1 (with document B). */
  officeMessages: string[];
  documents: MessageDocument[];
}

/** Stores a document's bytes in the blob store and describes it as a message names it. */
export async function storeDocument(blobs: BlobStore, name: string, bytes: Buffer): Promise<MessageDocument> {
  const stored = await blobs.put(Readable.from([bytes]), { maxBytes: 10 * 1024 * 1024 });
  return { sha256: stored.sha256, size: stored.size, mediaType: 'application/pdf', name, kind: 'report' };
}

/** Runs the delivery worker until nothing is left to deliver. */
export async function deliverAll(db: Db, exchange: Exchange): Promise<void> {
  for (;;) {
    const handled = await deliverDue({
      db,
      clock: systemClock,
      log: createLogger('silent'),
      transportFor: (n) => exchange.transportFor(n),
    });
    if (handled === 0) return;
  }
}

/** Sends three messages station → office and one office → station about a new case, and delivers them. */
export async function exchangeCaseMessages(input: {
  db: Db;
  blobs: BlobStore;
  exchange: Exchange;
  station: Org;
  office: Org;
  caseRef?: string;
}): Promise<CaseExchange> {
  const { db, exchange, station, office } = input;
  const caseRef = input.caseRef ?? crypto.randomUUID();
  const docA = await storeDocument(
    input.blobs,
    'گزارش.pdf',
    Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(5000)]),
  );
  const docB = await storeDocument(
    input.blobs,
    'return-note.pdf',
    Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3000)]),
  );

  const send = <T extends OutgoingMessage>(message: T) =>
    db
      .transaction()
      .execute((tx) => enqueueMessage(tx, { signer: exchange.signer, message, now: new Date() }));
  const fromStation = (note: string, documents: MessageDocument[]): OutgoingMessage<'case.supplemented'> => ({
    type: 'case.supplemented',
    from: { orgId: station.id, orgCode: station.code },
    to: { node: exchange.nodeId, org: office.code },
    caseRef,
    createdBy: 'officer',
    body: { note, answers: null, parties: [] },
    documents,
  });

  const s1 = await send(fromStation('گزارش تکمیلی', [docA]));
  const s2 = await send(fromStation('توضیح', []));
  const o1 = await send({
    type: 'intake.returned',
    from: { orgId: office.id, orgCode: office.code },
    to: { node: exchange.nodeId, org: station.code },
    caseRef,
    createdBy: 'clerk',
    body: {
      deficiencies: [{ code: 'deficiency.evidence', text: 'مدارک ناقص است' }],
      returnedAt: new Date().toISOString(),
    },
    documents: [docB],
  });
  const s3 = await send(fromStation('پاسخ به نقص', [docA]));
  await deliverAll(db, exchange);
  return {
    caseRef,
    stationMessages: [s1.id, s2.id, s3.id],
    officeMessages: [o1.id],
    documents: [docA, docB],
  };
}
