import type { CaseSummary } from '../../domain/cases/case.schema.js';
import type { Order } from '../../domain/orders/orders.schema.js';

/**
 * Answers of the API for the web's tests, typed by the domain's schemas: when a schema gains or changes a
 * field, these stop compiling instead of the tests quietly feeding the pages a shape the server never sends.
 */

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
  ...fields,
});
