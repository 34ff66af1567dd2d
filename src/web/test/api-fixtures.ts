import { caseActions } from '../../domain/cases/case-actions.js';
import type { CaseSummary } from '../../domain/cases/case.schema.js';
import { orderActions } from '../../domain/orders/order-actions.js';
import type { Order } from '../../domain/orders/orders.schema.js';

/**
 * Answers of the API for the web's tests, typed by the domain's schemas: when a schema gains or changes a
 * field, these stop compiling instead of the tests quietly feeding the pages a shape the server never sends.
 */

/** The reader of these answers, for the `allowed` flags the server would hand them. */
const stationOfficer = { userId: 'u1', orgId: 'o1', role: 'station.officer' } as const;

/** A case in a list: a draft complaint with nobody in custody, unless `fields` say otherwise. */
export const aCaseSummary = (id: string, fields: Partial<CaseSummary> = {}): CaseSummary => ({
  id,
  caseNumber: `1405/${id}`,
  trackingCode: null,
  origin: 'complaint',
  status: 'draft',
  crimeCategoryCode: null,
  createdAt: '2025-11-20T08:00:00Z',
  sentAt: null,
  inCustody: false,
  custodyDeadlineAt: null,
  partyNames: [],
  allowed: caseActions(stationOfficer, { orgId: stationOfficer.orgId, status: fields.status ?? 'draft' }),
  ...fields,
});

/** A judicial order as the station sees it: open, not overdue, unless `fields` say otherwise. */
export const anOrder = (orderId: string, fields: Partial<Order> = {}): Order => ({
  orderId,
  side: 'station',
  caseRef: '1405/1',
  caseNumber: '1405/000001',
  caseId: null,
  intakeFileId: null,
  counterpart: 'DA-TEH-4',
  counterpartName: 'دادسرای ناحیه ۴',
  kind: 'investigation',
  text: '…',
  deadlineAt: '2025-11-30T08:00:00Z',
  issuedBy: 'قاضی احمدی',
  issuedAt: '2025-11-20T08:00:00Z',
  status: 'open',
  overdue: false,
  acknowledgedAt: null,
  reportedAt: null,
  report: null,
  reportDocuments: [],
  outcome: null,
  closeNote: null,
  closedAt: null,
  allowed: orderActions(stationOfficer, {
    orgId: stationOfficer.orgId,
    side: fields.side ?? 'station',
    status: fields.status ?? 'open',
  }),
  ...fields,
});
