import { Alert, Result, Space, Spin } from 'antd';
import { errorMessageKey } from '../../api/client.js';
import { href } from '../../app/router.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { useI18n } from '../../i18n/i18n.js';
import { useSession } from '../auth/api.js';
import { useOrderList } from '../orders/api.js';
import { Fact, PaperSheet, PrintBar } from './PaperSheet.js';

/**
 * The order sheet, at `/orders/:orderId/print`: the judicial order as the station keeps it on paper — its
 * case, kind, text, who issued it and when, the deadline (Jalali, Tehran), and where it stands — A4,
 * right to left, numbered pages, room for the signatures.
 */
export function OrderSheet({ orderId, now = () => new Date() }: { orderId: string; now?: () => Date }) {
  const { t, digits, locale } = useI18n();
  const orders = useOrderList({ orderId });
  const session = useSession();
  if (orders.isPending) return <Spin aria-label={t('common.loading')} />;
  if (orders.isError) return <Alert type="error" showIcon message={t(errorMessageKey(orders.error))} />;
  const o = orders.data.items[0];
  if (!o) return <Result status="404" title={t('errors.orders.not_found')} />;
  const org = session.data?.org;
  const orgName = (locale === 'fa' ? org?.nameFa : org?.nameEn) ?? '';
  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
      <PrintBar back={{ href: href('/orders'), label: t('paper.backToOrders') }} />
      <PaperSheet title={t('paper.order.title')} orgName={orgName} printedAt={now()} testId="sheet-order">
        <table className="cb-facts">
          <tbody>
            <Fact label={t('orders.fields.case')}>
              <span className="cb-ltr">{digits(o.caseNumber ?? o.caseRef)}</span>
            </Fact>
            <Fact label={t(o.side === 'office' ? 'orders.fields.station' : 'orders.fields.issuer')}>
              {o.counterpartName ?? o.counterpart}
            </Fact>
            <Fact label={t('orders.fields.kind')}>{t(`orders.kinds.${o.kind}`)}</Fact>
            <Fact label={t('orders.fields.issued')}>
              {o.issuedBy} · <JalaliTime at={o.issuedAt} />
            </Fact>
            <Fact label={t('orders.fields.deadline')}>
              <strong>
                <JalaliTime at={o.deadlineAt} />
              </strong>
            </Fact>
            <Fact label={t('paper.order.status')}>{t(`orders.status.${o.status}`)}</Fact>
            {o.acknowledgedAt && (
              <Fact label={t('orders.fields.acknowledgedAt')}>
                <JalaliTime at={o.acknowledgedAt} />
              </Fact>
            )}
          </tbody>
        </table>
        <h2>{t('orders.fields.text')}</h2>
        <div className="cb-sheet-text" data-testid="sheet-order-text">
          {o.text}
        </div>
        {o.report && (
          <>
            <h2>{t('orders.fields.report')}</h2>
            <div className="cb-sheet-text">{o.report}</div>
          </>
        )}
        <div className="cb-sheet-signatures">
          <div>{t('paper.order.issuerSignature')}</div>
          <div>{t('paper.order.receiverSignature')}</div>
        </div>
      </PaperSheet>
    </Space>
  );
}
