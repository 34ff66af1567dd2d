import { useState } from 'react';
import { Alert, Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import type { Order, OrderStatus } from '../../../domain/orders/orders.schema.js';
import { errorMessageKey } from '../../api/client.js';
import { href } from '../../app/router.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { useI18n } from '../../i18n/i18n.js';
import { codeLabel } from '../cases/case-labels.js';
import { intakeDocumentUrl } from '../intake/api.js';
import { useAcknowledgeOrder } from './api.js';
import { OrderDeadline } from './OrderDeadline.js';
import { CloseOrderDialog, ReportOrderDialog } from './OrderStepDialogs.js';
import { orderUrgency } from './order-tracker.js';

const statusColors: Record<OrderStatus, string> = {
  open: 'blue',
  acknowledged: 'cyan',
  reported: 'purple',
  closed: 'default',
};

/** Every breakpoint named: antd gives the ones a map leaves out 3 columns, too narrow in a side column. */
const TWO_COLUMNS = { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 };

const borderColors = { overdue: '#cf1322', dueSoon: '#d48806', later: '#d9d9d9', closed: '#f0f0f0' } as const;

/** One order with its deadline, its story, and the steps the server says the user may take on it now. */
export function OrderCard({ order, now = () => new Date() }: { order: Order; now?: () => Date }) {
  const i18n = useI18n();
  const { t, digits } = i18n;
  const acknowledge = useAcknowledgeOrder();
  const [dialog, setDialog] = useState<'report' | 'close' | null>(null);
  const urgency = orderUrgency(order, now());
  const station = order.side === 'station';
  const { allowed } = order;
  const closes = allowed.close || allowed.requestMore;
  const link = station
    ? order.caseId && href(`/cases/${order.caseId}`)
    : order.intakeFileId && href(`/intake/${order.intakeFileId}`);

  return (
    <Card
      size="small"
      data-order-id={order.orderId}
      data-urgency={urgency}
      style={{ borderInlineStartWidth: 4, borderInlineStartColor: borderColors[urgency] }}
      title={
        <Space wrap>
          <Typography.Text strong>{codeLabel(i18n, 'orders.kinds', order.kind)}</Typography.Text>
          <Tag color={statusColors[order.status]}>{codeLabel(i18n, 'orders.status', order.status)}</Tag>
          {order.outcome === 'more_requested' && order.status !== 'closed' && (
            <Tag color="orange">{t('orders.outcome.more_requested')}</Tag>
          )}
        </Space>
      }
      extra={<OrderDeadline order={order} now={now} />}
    >
      <Space direction="vertical" style={{ inlineSize: '100%' }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBlockEnd: 0 }}>
          {order.text}
        </Typography.Paragraph>
        <Descriptions size="small" column={TWO_COLUMNS}>
          <Descriptions.Item label={t('orders.fields.case')}>
            {link ? (
              <a href={link}>
                <span className="cb-id">{digits(order.caseNumber ?? order.caseRef)}</span>
              </a>
            ) : (
              <span className="cb-id">{digits(order.caseNumber ?? order.caseRef)}</span>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t(station ? 'orders.fields.issuer' : 'orders.fields.station')}>
            {order.counterpartName ?? order.counterpart}
          </Descriptions.Item>
          <Descriptions.Item label={t('orders.fields.issued')}>
            {order.issuedBy} · <JalaliTime at={order.issuedAt} />
          </Descriptions.Item>
          {order.acknowledgedAt && (
            <Descriptions.Item label={t('orders.fields.acknowledgedAt')}>
              <JalaliTime at={order.acknowledgedAt} />
            </Descriptions.Item>
          )}
        </Descriptions>
        {order.report && (
          <Card
            size="small"
            type="inner"
            title={t('orders.fields.report')}
            extra={<JalaliTime at={order.reportedAt} />}
          >
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{order.report}</Typography.Paragraph>
            {order.reportDocuments.length > 0 && (
              <List
                size="small"
                dataSource={order.reportDocuments}
                renderItem={(d) => (
                  <List.Item key={d.sha256}>
                    {!station && order.intakeFileId ? (
                      <a href={intakeDocumentUrl(order.intakeFileId, d.sha256)} rel="noopener noreferrer">
                        {d.name}
                      </a>
                    ) : (
                      d.name
                    )}
                    <Typography.Text type="secondary">
                      {codeLabel(i18n, 'documents.kinds', d.kind)}
                    </Typography.Text>
                  </List.Item>
                )}
              />
            )}
          </Card>
        )}
        {order.closeNote && (
          <Typography.Text type="secondary">
            {t('orders.fields.closeNote')}: {order.closeNote}
          </Typography.Text>
        )}
        <Space wrap>
          {allowed.acknowledge && (
            <Button loading={acknowledge.isPending} onClick={() => acknowledge.mutate(order.orderId)}>
              {t('orders.acknowledge')}
            </Button>
          )}
          {allowed.report && (
            <Button type="primary" onClick={() => setDialog('report')}>
              {t('orders.report.open')}
            </Button>
          )}
          {closes && (
            <Button type="primary" onClick={() => setDialog('close')}>
              {t(order.status === 'reported' ? 'orders.close.openReported' : 'orders.close.open')}
            </Button>
          )}
          <Button type="link" href={href(`/orders/${order.orderId}/print`)}>
            {t('paper.order.open')}
          </Button>
        </Space>
        {acknowledge.isError && (
          <Alert type="error" showIcon message={t(errorMessageKey(acknowledge.error))} />
        )}
      </Space>
      {allowed.report && (
        <ReportOrderDialog order={order} open={dialog === 'report'} onClose={() => setDialog(null)} />
      )}
      {closes && <CloseOrderDialog order={order} open={dialog === 'close'} onClose={() => setDialog(null)} />}
    </Card>
  );
}
