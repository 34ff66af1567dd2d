import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { intakeActions } from '../../../domain/intake/intake-actions.js';
import type { Role } from '../../../domain/roles.js';
import { jsonResponse, signedInAs, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { IntakeFilePage } from './IntakeFilePage.js';

const id = '0193a1b2-0000-7000-8000-0000000000f1';
const sha = 'cd'.repeat(32);

const file = (patch: Record<string, unknown> = {}) => ({
  id,
  caseRef: 'ref-1',
  caseNumber: '1404/000012',
  station: { code: 'TEH-101', name: 'کلانتری ۱۰۱ تهران' },
  crimeCategoryCode: 'theft',
  status: 'received',
  receivedAt: '2025-11-29T07:00:05Z',
  inCustody: false,
  custodyDeadlineAt: null,
  custodyRemainingSeconds: null,
  fileNumber: null,
  partyNames: ['علی رضایی'],
  origin: 'complaint',
  trackingCode: 'K7M-4QX-9TR',
  incidentAt: '2025-11-28T20:00:00Z',
  incidentProvinceCode: null,
  incidentCountyCode: null,
  incidentAddress: 'خیابان آزادی',
  narrative: 'سرقت گوشی همراه در ایستگاه مترو',
  accusedUnknown: false,
  parties: [
    {
      id: 'p1',
      role: 'complainant',
      firstName: 'علی',
      lastName: 'رضایی',
      fatherName: 'حسن',
      nationalId: '0012345679',
      passportNumber: null,
      nationality: 'IR',
      mobile: null,
      address: null,
    },
  ],
  custody: [],
  approvedBy: 'سرهنگ کریمی',
  documents: [
    {
      sha256: sha,
      name: 'شکوائیه.pdf',
      kind: 'complaint',
      mediaType: 'application/pdf',
      size: 2048,
      receivedAt: '2025-11-29T07:00:05Z',
      hashVerified: true,
    },
  ],
  verification: {
    messageId: 'm1',
    messageSha256: 'ef'.repeat(32),
    signatureVerified: true,
    documentsVerified: true,
  },
  branch: null,
  assignedJudge: null,
  decidedAt: null,
  decision: null,
  ...patch,
});

/**
 * The API as `role` meets it; the file carries the `allowed` flags the server computes for that role and
 * the file's status (`intake-actions.ts`) — the page offers only what they allow.
 */
function stub(role: Role, detail: ReturnType<typeof file>) {
  const actor = { userId: 'u1', orgId: 'o1', role };
  const allowed = intakeActions(actor, { orgId: 'o1', status: String(detail.status) });
  return stubApi({
    'GET /api/auth/me': signedInAs(role, 'prosecutor_office', { code: 'DS-TEH', nameFa: 'دادسرا' }),
    [`GET /api/intake/${id}`]: () => jsonResponse(200, { ...detail, allowed }),
    [`GET /api/intake/${id}/messages`]: () => jsonResponse(200, { items: [] }),
    'GET /api/orders': () => jsonResponse(200, { items: [] }),
    'GET /api/reference/crime-categories': () =>
      jsonResponse(200, [{ code: 'theft', nameFa: 'سرقت', nameEn: 'Theft' }]),
    'GET /api/reference/provinces': () => jsonResponse(200, []),
    'GET /api/reference/counties': () => jsonResponse(200, []),
  });
}

describe('IntakeFilePage', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows what the station sent, the verification, download links and the clerk\u2019s three actions', async () => {
    stub('prosecutor.clerk', file());
    renderInApp(<IntakeFilePage id={id} />);
    const badge = await screen.findByTestId('verification');
    expect(badge.dataset.verified).toBe('true');
    expect(within(badge).getByText('امضای کلانتری معتبر است')).toBeTruthy();
    expect(within(badge).getByText('اثر انگشت ۱ مستند تطبیق دارد')).toBeTruthy();
    expect(screen.getByText('سرقت گوشی همراه در ایستگاه مترو')).toBeTruthy();
    expect(screen.getByText('۰۰۱۲۳۴۵۶۷۹')).toBeTruthy();
    expect(screen.getByText('شکوائیه.pdf').closest('a')?.getAttribute('href')).toBe(
      `/api/intake/${id}/documents/${sha}/content`,
    );
    const actions = screen.getByTestId('clerk-actions');
    expect(
      within(actions)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['ثبت پرونده', 'عودت برای رفع نقص', 'عدم پذیرش']);
  });

  it('warns in red when a document\u2019s hash did not verify', async () => {
    const bad = file();
    stub('prosecutor.clerk', {
      ...bad,
      verification: { ...bad.verification, documentsVerified: false },
      documents: bad.documents.map((d) => ({ ...d, hashVerified: false })),
    });
    renderInApp(<IntakeFilePage id={id} />);
    const badge = await screen.findByTestId('verification');
    expect(badge.dataset.verified).toBe('false');
    expect(within(badge).getByText('اثر انگشت ۱ مستند تطبیق ندارد')).toBeTruthy();
  });

  it('gives the judge "issue an order" on a registered file, and no clerk actions', async () => {
    stub(
      'prosecutor.judge',
      file({ status: 'registered', fileNumber: '1404-12', branch: 'شعبه‌ی ۲', assignedJudge: 'آقای محمدی' }),
    );
    renderInApp(<IntakeFilePage id={id} />);
    expect(await screen.findByRole('button', { name: 'صدور دستور' })).toBeTruthy();
    expect(screen.queryByTestId('clerk-actions')).toBeNull();
    expect(within(screen.getByTestId('registration')).getByText('۱۴۰۴-۱۲')).toBeTruthy();
  });
});
