import { describe, expect, it } from 'vitest';
import { findCasesQuerySchema } from './cases/case.schema.js';
import { formatCaseNumber } from './cases/case-number.js';
import { publicCaseStatus } from './cases/public-status.js';
import { optionalText, requiredText } from './cases/text-fields.js';
import { trackingQuerySchema } from './cases/tracking.schema.js';
import { AppError, appError, errorMessages, isAppError } from './errors.js';
import { isMessageKind, isReceiptKind } from './evidence/evidence-kinds.js';
import { figuresQuerySchema, FIGURES_MAX_DAYS } from './figures/figures.schema.js';
import { jurisdictionRuleBodySchema } from './organisations.schema.js';
import { findOrdersQuerySchema } from './orders/orders.schema.js';
import { isPoliceUnit } from './roles.js';
import { canBeSupplemented, isAnswerStatus } from './submission/case-status.js';

const DAY = 86_400_000;

describe('the small rules of the domain', () => {
  it('tells a complainant a plain state for every internal one, and "in progress" for any other', () => {
    const plain = Object.fromEntries(
      [
        'draft',
        'awaiting_approval',
        'submitted',
        'sent',
        'delivered',
        'registered',
        'returned',
        'rejected',
        'closed',
        'escorted',
        '',
      ].map((s) => [s, publicCaseStatus(s)]),
    );
    expect(plain).toEqual({
      draft: 'received',
      awaiting_approval: 'received',
      submitted: 'received',
      sent: 'sent',
      delivered: 'sent',
      registered: 'registered',
      returned: 'returned',
      rejected: 'closed',
      closed: 'closed',
      escorted: 'in_progress',
      '': 'in_progress',
    });
  });

  it('numbers a case by Jalali year and a six-digit sequence', () => {
    expect(formatCaseNumber(1405, 123)).toBe('1405/000123');
    expect(formatCaseNumber(1405, 1_234_567)).toBe('1405/1234567');
  });

  it('lets a case be supplemented after it was sent, unless rejected, and knows the office’s answers', () => {
    const statuses = ['draft', 'awaiting_approval', 'sent', 'registered', 'returned', 'rejected'];
    expect(statuses.filter(canBeSupplemented)).toEqual(['sent', 'registered', 'returned']);
    expect(statuses.filter(isAnswerStatus)).toEqual(['registered', 'returned', 'rejected']);
  });

  it('tells messages and receipts apart in the evidence log', () => {
    const kinds = [
      'message.sent',
      'message.received',
      'receipt.issued',
      'receipt.received',
      'message.refused',
    ] as const;
    expect(kinds.filter(isMessageKind)).toEqual(['message.sent', 'message.received']);
    expect(kinds.filter(isReceiptKind)).toEqual(['receipt.issued', 'receipt.received']);
  });

  it('counts stations and outposts as police units, and nothing else', () => {
    const kinds = ['station', 'outpost', 'prosecutor_office', 'escort_unit', 'hq'] as const;
    expect(kinds.filter(isPoliceUnit)).toEqual(['station', 'outpost']);
  });

  it('keeps an error’s code, status and details, and recognises it by code', () => {
    const error = appError('cases.not_found', { caseId: 'c-1' });
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'cases.not_found',
      message: errorMessages['cases.not_found'],
      name: 'AppError',
      details: { caseId: 'c-1' },
    });
    expect(error.status).toBe(404);
    expect(appError('cases.not_found').details).toBeUndefined();
    expect(isAppError(error)).toBe(true);
    expect(isAppError(error, 'cases.not_found')).toBe(true);
    expect(isAppError(error, 'auth.forbidden')).toBe(false);
    expect(isAppError(new Error('cases.not_found'))).toBe(false);
  });

  it('takes figures over a period that ends after it starts, of at most 400 days', () => {
    const from = Date.parse('2026-03-21T00:00:00Z');
    const period = (ms: number) => ({
      from: new Date(from).toISOString(),
      to: new Date(from + ms).toISOString(),
    });
    expect(FIGURES_MAX_DAYS).toBe(400);
    expect(figuresQuerySchema.safeParse(period(1)).success).toBe(true);
    expect(figuresQuerySchema.safeParse(period(400 * DAY)).success).toBe(true);
    const issues = (ms: number) =>
      figuresQuerySchema.safeParse(period(ms)).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues(400 * DAY + 1)).toEqual([['to', 'figures.invalid_period']]);
    expect(issues(0)).toEqual([['to', 'figures.invalid_period']]);
    expect(issues(-DAY)).toEqual([['to', 'figures.invalid_period']]);
  });

  it('asks a complainant for exactly one identifier: a national ID or a passport number', () => {
    const issues = (q: object) =>
      trackingQuerySchema
        .safeParse({ code: 'T-1', ...q })
        .error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues({ nationalId: '0012345679' })).toBeUndefined();
    expect(issues({ passportNumber: 'P123' })).toBeUndefined();
    expect(issues({})).toEqual([['nationalId', 'tracking.identity_required']]);
    expect(issues({ nationalId: '0012345679', passportNumber: 'P123' })).toEqual([
      ['nationalId', 'tracking.identity_required'],
    ]);
  });

  it('sets jurisdiction by county or by station, never both or neither', () => {
    const office = '0190a3b4-0000-7000-8000-000000000001';
    const station = '0190a3b4-0000-7000-8000-000000000002';
    const issues = (b: object) =>
      jurisdictionRuleBodySchema
        .safeParse({ prosecutorOfficeId: office, ...b })
        .error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues({ countyCode: 'IR-23-TEHRAN' })).toBeUndefined();
    expect(issues({ stationId: station })).toBeUndefined();
    expect(issues({})).toEqual([['countyCode', 'jurisdiction.county_or_station']]);
    expect(issues({ countyCode: 'IR-23-TEHRAN', stationId: station })).toEqual([
      ['countyCode', 'jurisdiction.county_or_station'],
    ]);
  });

  it('reads "true" and "false" in a query string as booleans, and nothing else', () => {
    expect(findCasesQuerySchema.parse({ inCustody: 'true' }).inCustody).toBe(true);
    expect(findCasesQuerySchema.parse({ inCustody: 'false' }).inCustody).toBe(false);
    expect(findCasesQuerySchema.safeParse({ inCustody: '1' }).success).toBe(false);
    expect(findOrdersQuerySchema.parse({ overdue: 'true' }).overdue).toBe(true);
    expect(findOrdersQuerySchema.parse({ overdue: 'false' }).overdue).toBe(false);
    expect(findOrdersQuerySchema.parse({}).overdue).toBeUndefined();
  });

  it('wants required text to say something, kept as typed; optional text may be null', () => {
    expect(requiredText(5).safeParse(' a ').data).toBe(' a ');
    expect(requiredText(5).safeParse(' \u00a0\t').error?.issues[0]?.message).toBe('validation.blank');
    expect(requiredText(5).safeParse('').success).toBe(false);
    expect(requiredText(5).safeParse('abcdef').success).toBe(false);
    expect(optionalText(3).safeParse(null).success).toBe(true);
    expect(optionalText(3).safeParse('abcd').success).toBe(false);
  });
});
