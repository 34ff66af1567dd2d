import { Alert, Space, Spin } from 'antd';
import type { CaseDetail } from '../../../domain/cases/case.schema.js';
import type { CaseMessage } from '../../../domain/messages/case-messages.schema.js';
import { errorMessageKey } from '../../api/client.js';
import { href } from '../../app/router.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { QrImage } from '../../components/QrImage.js';
import { useI18n } from '../../i18n/i18n.js';
import { useSession } from '../auth/api.js';
import { useCase } from '../cases/api.js';
import { codeLabel } from '../cases/case-labels.js';
import { formatSize } from '../cases/documents/DocumentDropzone.js';
import { useCaseMessages } from '../messages/api.js';
import { useCounties, useCrimeCategories, useProvinces } from '../reference/api.js';
import { referenceName } from '../reference/reference-name.js';
import { Fact, PaperSheet, PrintBar } from './PaperSheet.js';

/** The last message that carried the file to the office (sent, or supplemented), whose hash the sheets print. */
function sendingMessage(messages: readonly CaseMessage[]): CaseMessage | null {
  return (
    messages
      .filter((m) => m.direction === 'out' && (m.type === 'case.submitted' || m.type === 'case.supplemented'))
      .at(-1) ?? null
  );
}

/** The documents with their full SHA-256, as both sheets list them. */
function DocumentTable({ detail }: { detail: CaseDetail }) {
  const i18n = useI18n();
  const { t, digits } = i18n;
  return (
    <table data-testid="sheet-documents">
      <thead>
        <tr>
          <th>{t('paper.row')}</th>
          <th>{t('paper.document')}</th>
          <th>{t('documents.kind')}</th>
          <th>{t('paper.size')}</th>
          <th>{t('documents.sha256')}</th>
        </tr>
      </thead>
      <tbody>
        {detail.documents.map((d, i) => (
          <tr key={d.id}>
            <td>{digits(i + 1)}</td>
            <td>{d.name}</td>
            <td>{codeLabel(i18n, 'documents.kinds', d.kind)}</td>
            <td>{formatSize(d.size, digits)}</td>
            <td className="cb-sheet-hash">{d.sha256}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The message's hash in words and as a QR code, so that the paper can be matched to the signed message. */
function MessageHash({ message }: { message: CaseMessage | null }) {
  const { t } = useI18n();
  if (!message) return <p>{t('paper.notSent')}</p>;
  return (
    <div className="cb-sheet-qr">
      <QrImage text={message.sha256} alt={t('paper.messageHash')} className="" testId="sheet-qr" />
      <div>
        <div>{t('paper.messageHash')}</div>
        <div className="cb-sheet-hash" data-testid="sheet-message-hash">
          {message.sha256}
        </div>
        <div>
          {t('paper.sentAt')}: <JalaliTime at={message.createdAt} />
        </div>
      </div>
    </div>
  );
}

/**
 * The printable case file, at `/cases/:id/print`: the cover sheet (case number, parties, incident, custody,
 * documents with their SHA-256, the sending message's hash as a QR code) and the transmittal sheet that goes
 * with it to the prosecutor's office — A4, right to left, numbered pages (`paper.css`).
 */
export function CaseFileSheets({ caseId, now = () => new Date() }: { caseId: string; now?: () => Date }) {
  const i18n = useI18n();
  const { t, digits, locale } = i18n;
  const detail = useCase(caseId);
  const messages = useCaseMessages(caseId);
  const session = useSession();
  const categories = useCrimeCategories();
  const provinces = useProvinces();
  const counties = useCounties();
  if (detail.isPending || messages.isPending) return <Spin aria-label={t('common.loading')} />;
  if (detail.isError) return <Alert type="error" showIcon message={t(errorMessageKey(detail.error))} />;
  const d = detail.data;
  const sent = sendingMessage(messages.data?.items ?? []);
  const org = session.data?.org;
  const orgName = (locale === 'fa' ? org?.nameFa : org?.nameEn) ?? '';
  const printedAt = now();
  const nameOf = (partyId: string) => {
    const p = d.parties.find((x) => x.id === partyId);
    return p ? `${p.firstName} ${p.lastName}` : '—';
  };
  const place = [
    referenceName(provinces.data, d.incidentProvinceCode, locale),
    referenceName(counties.data, d.incidentCountyCode, locale),
    d.incidentAddress ?? '',
  ]
    .filter(Boolean)
    .join('، ');
  const id = (v: string | null) => (v ? <span className="cb-ltr">{digits(v)}</span> : '—');
  const caseNumber = <span className="cb-ltr">{digits(d.caseNumber)}</span>;

  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
      <PrintBar back={{ href: href(`/cases/${caseId}`), label: t('paper.backToCase') }} />
      <PaperSheet title={t('paper.cover.title')} orgName={orgName} printedAt={printedAt} testId="sheet-cover">
        <table className="cb-facts">
          <tbody>
            <Fact label={t('cases.fields.caseNumber')}>{caseNumber}</Fact>
            <Fact label={t('cases.fields.origin')}>{t(`cases.origin.${d.origin}`)}</Fact>
            <Fact label={t('cases.fields.crimeCategory')}>
              {referenceName(categories.data, d.crimeCategoryCode, locale) || '—'}
            </Fact>
            <Fact label={t('cases.fields.status')}>{codeLabel(i18n, 'cases.status', d.status)}</Fact>
            <Fact label={t('cases.fields.createdAt')}>
              <JalaliTime at={d.createdAt} />
            </Fact>
            <Fact label={t('cases.fields.trackingCode')}>{id(d.trackingCode)}</Fact>
          </tbody>
        </table>
        <h2>{t('paper.cover.incident')}</h2>
        <table className="cb-facts">
          <tbody>
            <Fact label={t('cases.fields.incidentAt')}>
              {d.incidentAt ? <JalaliTime at={d.incidentAt} /> : '—'}
            </Fact>
            <Fact label={t('cases.fields.place')}>{place || '—'}</Fact>
            <Fact label={t('cases.fields.narrative')}>
              <div className="cb-sheet-text">{d.narrative ?? '—'}</div>
            </Fact>
          </tbody>
        </table>
        <h2>{t('cases.fields.parties')}</h2>
        <table data-testid="sheet-parties">
          <thead>
            <tr>
              <th>{t('parties.fields.role')}</th>
              <th>{t('parties.fields.name')}</th>
              <th>{t('parties.fields.fatherName')}</th>
              <th>{t('parties.fields.nationalId')}</th>
              <th>{t('parties.fields.mobile')}</th>
            </tr>
          </thead>
          <tbody>
            {d.parties.map((p) => (
              <tr key={p.id}>
                <td>{t(`parties.roles.${p.role}`)}</td>
                <td>{`${p.firstName} ${p.lastName}`}</td>
                <td>{p.fatherName ?? '—'}</td>
                <td>{id(p.nationalId ?? p.passportNumber)}</td>
                <td>{id(p.mobile)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t('cases.fields.custody')}</h2>
        {d.custody.length === 0 ? (
          <p>{t('paper.cover.noCustody')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t('parties.fields.name')}</th>
                <th>{t('custody.startedAt')}</th>
                <th>{t('custody.deadline')}</th>
                <th>{t('custody.ended')}</th>
              </tr>
            </thead>
            <tbody>
              {d.custody.map((c) => (
                <tr key={c.id}>
                  <td>{nameOf(c.partyId)}</td>
                  <td>
                    <JalaliTime at={c.startedAt} />
                  </td>
                  <td>
                    <JalaliTime at={c.deadlineAt} />
                  </td>
                  <td>{c.endedAt ? <JalaliTime at={c.endedAt} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>{t('paper.documents')}</h2>
        <DocumentTable detail={d} />
        <MessageHash message={sent} />
      </PaperSheet>
      <PaperSheet
        title={t('paper.transmittal.title')}
        orgName={orgName}
        printedAt={printedAt}
        testId="sheet-transmittal"
      >
        <p>
          {t('paper.transmittal.body', {
            caseNumber: digits(d.caseNumber),
            count: digits(d.documents.length),
          })}
        </p>
        <table className="cb-facts">
          <tbody>
            <Fact label={t('cases.fields.caseNumber')}>{caseNumber}</Fact>
            <Fact label={t('paper.transmittal.to')}>{sent ? id(sent.to) : '—'}</Fact>
            <Fact label={t('cases.fields.sentAt')}>{d.sentAt ? <JalaliTime at={d.sentAt} /> : '—'}</Fact>
            <Fact label={t('cases.fields.parties')}>{d.parties.length ? d.partyNames.join('، ') : '—'}</Fact>
          </tbody>
        </table>
        <h2>{t('paper.documents')}</h2>
        <DocumentTable detail={d} />
        <MessageHash message={sent} />
        <div className="cb-sheet-signatures">
          <div>{t('paper.transmittal.sender')}</div>
          <div>{t('paper.transmittal.receiver')}</div>
        </div>
      </PaperSheet>
    </Space>
  );
}
