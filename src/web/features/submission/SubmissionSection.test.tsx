import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { caseActions } from '../../../domain/cases/case-actions.js';
import type { CaseDetail } from '../../../domain/cases/case.schema.js';
import type { Role } from '../../../domain/roles.js';
import { jsonResponse, signedInAs, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { SubmissionSection } from './SubmissionSection.js';

const caseId = '0193a1b2-0000-7000-8000-0000000000c1';

/**
 * A case as the server answers it to `role` (the user `signedInAs` signs in): its `allowed` flags are the
 * server's own rule for its status (`case-actions.ts`) — the section offers only what they allow.
 */
const detail = (patch: Partial<CaseDetail>, role: Role = 'station.officer'): CaseDetail => ({
  id: caseId,
  caseNumber: '1404/000012',
  trackingCode: null,
  origin: 'officer_report',
  status: 'draft',
  crimeCategoryCode: 'theft',
  createdAt: '2025-11-29T06:00:00Z',
  inCustody: false,
  custodyDeadlineAt: null,
  partyNames: [],
  parties: [],
  custody: [],
  documents: [],
  readiness: { ready: true, missing: [] },
  incidentAt: null,
  incidentProvinceCode: null,
  incidentCountyCode: null,
  incidentAddress: null,
  narrative: 'شرح',
  accusedUnknown: false,
  updatedAt: '2025-11-29T06:00:00Z',
  sentAt: null,
  editable: true,
  returnedToOfficer: null,
  ...patch,
  allowed: caseActions({ userId: 'u1', orgId: 'o1', role }, { orgId: 'o1', status: patch.status ?? 'draft' }),
});

const returnedSubmission = {
  caseId,
  caseStatus: 'returned',
  status: 'returned',
  office: { code: 'DS-TEH', name: 'دادسرای ناحیه ۴ تهران' },
  queuedAt: '2025-11-29T07:00:00Z',
  deliveredAt: '2025-11-29T07:00:05Z',
  answeredAt: '2025-11-29T09:00:00Z',
  events: [
    { type: 'queued', at: '2025-11-29T07:00:00Z' },
    { type: 'delivered', at: '2025-11-29T07:00:05Z' },
    { type: 'returned', at: '2025-11-29T09:00:00Z' },
  ],
  registration: null,
  deficiencies: [
    { code: 'deficiency.medical_report', text: 'گواهی پزشکی قانونی شاکی' },
    { code: 'deficiency.party_identity', text: '' },
  ],
  rejection: null,
};

describe('SubmissionSection', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lets the officer send a ready draft for approval', async () => {
    const fetch = stubApi({
      'GET /api/auth/me': signedInAs('station.officer', 'station', {
        code: 'TEH-101',
        nameFa: 'کلانتری ۱۰۱',
      }),
      [`POST /api/cases/${caseId}/submission/prepare`]: () =>
        jsonResponse(200, {
          caseId,
          caseStatus: 'awaiting_approval',
          sentAt: null,
          office: null,
          messageId: null,
        }),
    });
    renderInApp(<SubmissionSection detail={detail({})} />);
    const button = await screen.findByRole('button', { name: 'ارسال برای تأیید رئیس کلانتری' });
    fireEvent.click(button);
    await waitFor(() =>
      expect(
        fetch.mock.calls.some(
          ([url, init]) => url === `/api/cases/${caseId}/submission/prepare` && init?.method === 'POST',
        ),
      ).toBe(true),
    );
  });

  it('keeps the button disabled while the readiness check fails, and says how many items are missing', async () => {
    stubApi({
      'GET /api/auth/me': signedInAs('station.officer', 'station', {
        code: 'TEH-101',
        nameFa: 'کلانتری ۱۰۱',
      }),
    });
    renderInApp(
      <SubmissionSection
        detail={detail({
          readiness: {
            ready: false,
            missing: [{ code: 'readiness.no_accused' }, { code: 'readiness.no_narrative' }],
          },
        })}
      />,
    );
    const button = await screen.findByRole('button', { name: 'ارسال برای تأیید رئیس کلانتری' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('not-ready').textContent).toContain('۲ مورد');
  });

  it('gives the chief "approve and send" and "return to the officer" (with a required comment) on a case awaiting approval', async () => {
    const returned: unknown[] = [];
    stubApi({
      'GET /api/auth/me': signedInAs('station.chief', 'station', { code: 'TEH-101', nameFa: 'کلانتری ۱۰۱' }),
      [`POST /api/cases/${caseId}/submission/return`]: (_url, init) => {
        returned.push(JSON.parse(String(init?.body)));
        return jsonResponse(200, {
          caseId,
          caseStatus: 'draft',
          sentAt: null,
          office: null,
          messageId: null,
        });
      },
    });
    renderInApp(
      <SubmissionSection
        detail={detail({ status: 'awaiting_approval', editable: false }, 'station.chief')}
      />,
    );
    expect(await screen.findByRole('button', { name: 'تأیید و ارسال' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'بازگرداندن به ضابط' }));
    const dialog = await screen.findByRole('dialog');
    const box = within(dialog).getByRole('textbox');
    // Enter in the dialog with no comment: refused in the form, nothing sent.
    fireEvent.keyDown(box, { key: 'Enter' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'بازگرداندن به ضابط' }));
    await within(dialog).findByText('این مورد لازم است.');
    expect(returned).toEqual([]);
    fireEvent.change(box, { target: { value: 'کد ملی شاکی را بازبینی کنید' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'بازگرداندن به ضابط' }));
    await waitFor(() => expect(returned).toEqual([{ comment: 'کد ملی شاکی را بازبینی کنید' }]));
  });

  it('shows the officer the chief\u2019s comment on a case returned to them', async () => {
    stubApi({ 'GET /api/auth/me': signedInAs('station.officer') });
    renderInApp(
      <SubmissionSection
        detail={detail({ returnedToOfficer: { comment: 'مدرک شکوائیه کم است', at: '2025-11-29T06:00:00Z' } })}
      />,
    );
    expect((await screen.findByTestId('returned-to-officer')).textContent).toContain('مدرک شکوائیه کم است');
  });

  it('shows no approval buttons to an officer on a case awaiting approval', async () => {
    stubApi({
      'GET /api/auth/me': signedInAs('station.officer', 'station', {
        code: 'TEH-101',
        nameFa: 'کلانتری ۱۰۱',
      }),
    });
    renderInApp(<SubmissionSection detail={detail({ status: 'awaiting_approval', editable: false })} />);
    expect(
      await screen.findByText('پرونده در انتظار تأیید رئیس کلانتری برای ارسال به دادسرا است.'),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'تأیید و ارسال' })).toBeNull();
  });

  it('shows a returned case\u2019s deficiencies as Persian sentences, and a supplement form', async () => {
    stubApi({
      'GET /api/auth/me': signedInAs('station.officer', 'station', {
        code: 'TEH-101',
        nameFa: 'کلانتری ۱۰۱',
      }),
      [`GET /api/cases/${caseId}/submission`]: () => jsonResponse(200, returnedSubmission),
      [`GET /api/cases/${caseId}/messages`]: () => jsonResponse(200, { items: [] }),
    });
    renderInApp(
      <SubmissionSection
        detail={detail({ status: 'returned', editable: false, sentAt: '2025-11-29T07:00:00Z' })}
      />,
    );
    const list = await screen.findByTestId('deficiencies');
    expect(within(list).getByText('گواهی پزشکی قانونی پیوست نشده است.')).toBeTruthy();
    expect(within(list).getByText('گواهی پزشکی قانونی شاکی')).toBeTruthy();
    expect(within(list).getByText('مشخصات هویتی یکی از اشخاص پرونده ناقص یا نادرست است.')).toBeTruthy();
    expect(screen.getByTestId('submission-status').dataset.status).toBe('returned');
    expect(screen.getByText('دادسرا پرونده را برای رفع نقص عودت داد')).toBeTruthy();
    expect(screen.getByRole('form', { name: 'ارسال تکمیلیه' })).toBeTruthy();
    expect(screen.getByLabelText('پاسخ به موارد نقص')).toBeTruthy();
  });

  it('sends a supplement with its note', async () => {
    const fetch = stubApi({
      'GET /api/auth/me': signedInAs('station.officer', 'station', {
        code: 'TEH-101',
        nameFa: 'کلانتری ۱۰۱',
      }),
      [`GET /api/cases/${caseId}/submission`]: () => jsonResponse(200, returnedSubmission),
      [`GET /api/cases/${caseId}/messages`]: () => jsonResponse(200, { items: [] }),
      [`POST /api/cases/${caseId}/supplements`]: () =>
        jsonResponse(201, {
          caseId,
          caseStatus: 'returned',
          messageId: 'm2',
          partiesAdded: 0,
          documents: [],
        }),
    });
    renderInApp(<SubmissionSection detail={detail({ status: 'returned', editable: false })} />);
    fireEvent.change(await screen.findByLabelText('توضیح'), { target: { value: 'گواهی پیوست شد' } });
    fireEvent.click(screen.getByRole('button', { name: 'ارسال تکمیلیه' }));
    expect(await screen.findByText('تکمیلیه در صف ارسال به دادسرا قرار گرفت.')).toBeTruthy();
    const call = fetch.mock.calls.find(
      ([url, init]) => url === `/api/cases/${caseId}/supplements` && init?.method === 'POST',
    );
    expect(JSON.parse(String(call?.[1]?.body))).toEqual({
      note: 'گواهی پیوست شد',
      answers: null,
      documentIds: [],
    });
  });

  it('shows the registration with the office\u2019s file number in Persian digits', async () => {
    stubApi({
      'GET /api/auth/me': signedInAs('station.officer', 'station', {
        code: 'TEH-101',
        nameFa: 'کلانتری ۱۰۱',
      }),
      [`GET /api/cases/${caseId}/submission`]: () =>
        jsonResponse(200, {
          ...returnedSubmission,
          caseStatus: 'registered',
          status: 'registered',
          deficiencies: null,
          registration: { fileNumber: '1404-0045', branch: 'شعبه‌ی ۲', assignedJudge: 'آقای محمدی' },
        }),
      [`GET /api/cases/${caseId}/messages`]: () => jsonResponse(200, { items: [] }),
    });
    renderInApp(<SubmissionSection detail={detail({ status: 'registered', editable: false })} />);
    const registration = await screen.findByTestId('registration');
    expect(within(registration).getByText('۱۴۰۴-۰۰۴۵')).toBeTruthy();
    expect(within(registration).getByText('آقای محمدی')).toBeTruthy();
  });
});
