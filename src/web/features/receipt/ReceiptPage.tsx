import { Button, Descriptions, Result, Space, Spin, Typography } from 'antd';
import { ApiError, errorMessageKey } from '../../api/client.js';
import { href } from '../../app/router.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCaseReceipt } from './api.js';
import { QrImage } from '../../components/QrImage.js';
import { trackingUrl } from './qr-code.js';

/**
 * The complainant's receipt (Art. 37), to print on A5: station, case number, tracking code, when the
 * complaint was received (Jalali, Tehran), what to do next, and a QR code of the public tracking page.
 */
export function ReceiptPage({
  caseId,
  origin = window.location.origin,
}: {
  caseId: string;
  origin?: string;
}) {
  const { t, digits } = useI18n();
  const receipt = useCaseReceipt(caseId);

  if (receipt.isPending) return <Spin aria-label={t('common.loading')} />;
  if (receipt.isError) {
    const noReceipt = receipt.error instanceof ApiError && receipt.error.code === 'cases.invalid_state';
    return (
      <Result
        status={noReceipt ? 'info' : 'error'}
        title={noReceipt ? t('receipt.notAvailable') : t(errorMessageKey(receipt.error))}
        extra={<Button href={href(`/cases/${caseId}`)}>{t('receipt.backToCase')}</Button>}
      />
    );
  }
  const r = receipt.data;
  const url = trackingUrl(origin, r.trackingCode);

  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
      <Space className="cb-no-print" wrap>
        <Button type="primary" onClick={() => window.print()}>
          {t('receipt.print')}
        </Button>
        <Button href={href(`/cases/${caseId}`)}>{t('receipt.backToCase')}</Button>
      </Space>
      <article className="cb-receipt" data-testid="receipt">
        <header className="cb-receipt-head">
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('receipt.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('receipt.subtitle')}</Typography.Text>
          </div>
          <Typography.Text strong>{r.stationName}</Typography.Text>
        </header>
        <div className="cb-receipt-body">
          <Descriptions column={1} size="small" bordered style={{ flex: 1 }}>
            <Descriptions.Item label={t('receipt.station')}>{r.stationName}</Descriptions.Item>
            <Descriptions.Item label={t('receipt.caseNumber')}>
              <span className="cb-ltr" data-testid="receipt-case-number">
                {digits(r.caseNumber)}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('receipt.trackingCode')}>
              <span className="cb-ltr cb-receipt-code" data-testid="receipt-tracking-code">
                {digits(r.trackingCode)}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('receipt.receivedAt')}>
              <JalaliTime at={r.receivedAt} />
            </Descriptions.Item>
          </Descriptions>
          <QrImage text={url} alt={t('receipt.qrAlt')} className="cb-receipt-qr" testId="receipt-qr" />
        </div>
        <section>
          <Typography.Title level={5}>{t('receipt.nextTitle')}</Typography.Title>
          <ol className="cb-receipt-steps">
            <li>{t('receipt.next1')}</li>
            <li>{t('receipt.next2')}</li>
            <li>{t('receipt.next3')}</li>
          </ol>
          <Typography.Text type="secondary">{t('receipt.trackAt')}: </Typography.Text>
          <span className="cb-ltr cb-receipt-url" data-testid="receipt-url">
            {url}
          </span>
        </section>
      </article>
    </Space>
  );
}
