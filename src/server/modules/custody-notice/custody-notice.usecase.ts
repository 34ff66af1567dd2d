import { randomUUID } from 'node:crypto';
import type {
  CustodyNotice,
  CustodyNoticeBody,
  CustodyNoticeList,
} from '../../../domain/cases/custody-notice.schema.js';
import { AppError } from '../../../domain/errors.js';
import { assertCan, type Actor } from '../../../domain/permissions.js';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/index.js';
import { auditCase, loadCaseFor, recordCaseEvent, type CaseUseCaseInput } from '../cases/index.js';
import { settleClock } from '../clocks/index.js';
import { findSender } from '../correspondence/index.js';
import { enqueueMessage, type Exchange } from '../exchange/index.js';
import {
  findCustodyNotices,
  findCustodyWithPerson,
  insertCustodyNotice,
} from './custody-notices.repository.js';
import { presentCustodyNotice } from './custody-notices.presenter.js';

/**
 * The station records the one-hour notice of a custody (Arts. 47, 49): who of the family was told, how and
 * when — and, in the same transaction, the signed `custody.notified` goes to its prosecutor's office and the
 * notice clock is met (if it is still within its hour; past it, the breach is recorded all the same).
 */
export async function recordCustodyNotice(
  input: CaseUseCaseInput & {
    custodyId: string;
    body: CustodyNoticeBody;
    exchange: Pick<Exchange, 'signer' | 'kick'>;
  },
): Promise<CustodyNotice> {
  const { actor, body } = input;
  const notice = await inTransaction(input.db, async (tx) => {
    const now = input.clock.now();
    const caseRow = await loadCaseFor({
      db: tx,
      actor,
      caseId: input.caseId,
      action: 'case.update',
      forUpdate: true,
    });
    const custody = await findCustodyWithPerson(tx, { caseId: caseRow.id, custodyId: input.custodyId });
    if (!custody) throw new AppError('custody.not_found');
    const familyNotifiedAt = new Date(body.familyNotifiedAt);
    if (familyNotifiedAt.getTime() > now.getTime())
      throw new AppError('custody.time_in_future', {
        issues: [{ path: 'body.familyNotifiedAt', code: 'custody.time_in_future' }],
      });
    if (familyNotifiedAt.getTime() < new Date(custody.started_at).getTime())
      throw new AppError('custody.notice_before_start', {
        issues: [{ path: 'body.familyNotifiedAt', code: 'custody.notice_before_start' }],
      });
    const sender = await findSender(tx, { orgId: caseRow.org_id, userId: actor.userId });
    const station = sender.organisation;
    const office = sender.competentOffice;
    if (!station) throw new AppError('organisations.not_found');
    if (!office) throw new AppError('jurisdiction.not_found');
    const personName = `${custody.first_name} ${custody.last_name}`;
    const custodyStartedAt = new Date(custody.started_at);
    const sent = await enqueueMessage(tx, {
      signer: input.exchange.signer,
      now,
      message: {
        type: 'custody.notified',
        from: { orgId: station.id, orgCode: station.code },
        to: { node: office.node_id, org: office.code },
        caseRef: caseRow.id,
        createdBy: sender.signerName,
        body: {
          custodyId: custody.id,
          caseNumber: caseRow.case_number,
          personName,
          custodyStartedAt: custodyStartedAt.toISOString(),
          familyNotifiedWho: body.familyNotifiedWho,
          familyNotifiedHow: body.familyNotifiedHow,
          familyNotifiedAt: familyNotifiedAt.toISOString(),
          notifiedBy: sender.signerName,
          notifiedAt: now.toISOString(),
        },
        documents: [],
      },
    });
    const row = await insertCustodyNotice(tx, {
      id: randomUUID(),
      org_id: caseRow.org_id,
      side: 'station',
      custody_id: custody.id,
      case_ref: caseRow.id,
      case_number: caseRow.case_number,
      person_name: personName,
      custody_started_at: custodyStartedAt,
      family_notified_who: body.familyNotifiedWho,
      family_notified_how: body.familyNotifiedHow,
      family_notified_at: familyNotifiedAt,
      notified_by: sender.signerName,
      message_id: sent.id,
      peer_node: office.node_id,
      peer_org: office.code,
      created_at: now,
    });
    if (!row) throw new AppError('custody.notice_already_recorded');
    const met = await settleClock(tx, {
      kind: 'custody_notice',
      sourceId: custody.id,
      orgId: caseRow.org_id,
      state: 'met',
      at: now,
      metAt: now,
    });
    const details = {
      custodyId: custody.id,
      messageId: sent.id,
      how: body.familyNotifiedHow,
      inTime: met > 0,
    };
    await recordCaseEvent(tx, {
      caseId: caseRow.id,
      orgId: caseRow.org_id,
      at: now,
      actorUserId: actor.userId,
      type: 'custody.notified',
      details,
    });
    await auditCase(tx, { actor, ip: input.ip, at: now, action: 'custody.notified', caseRow, details });
    return presentCustodyNotice(row);
  });
  input.exchange.kick();
  return notice;
}

/**
 * The custody notices of the actor's organisation, newest first: a station's own records, or the
 * `custody.notified` messages an office received (audited read).
 */
export async function listCustodyNotices(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  ip: string | null;
}): Promise<CustodyNoticeList> {
  assertCan(input.actor, 'custody_notice.read');
  return inTransaction(input.db, async (tx) => {
    const rows = await findCustodyNotices(tx, { orgId: input.actor.orgId, limit: 200 });
    await recordAudit(tx, {
      action: 'custody_notice.listed',
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      resourceType: 'custody_notice',
      resourceId: null,
      orgId: input.actor.orgId,
      ip: input.ip,
      at: input.clock.now(),
      details: { count: rows.length },
    });
    return { items: rows.map(presentCustodyNotice) };
  });
}
