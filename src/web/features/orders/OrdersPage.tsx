import { Alert, Empty, Segmented, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { errorMessageKey } from '../../api/client.js';
import { useI18n } from '../../i18n/i18n.js';
import { useOrderList } from './api.js';
import { OrderCard } from './OrderCard.js';
import { orderUrgency, sortOrders } from './order-tracker.js';

type Show = 'active' | 'all';

/** The orders tracker, on both sides: overdue first (red), due soon, then the rest, each with its countdown. */
export function OrdersPage({ now = () => new Date() }: { now?: () => Date }) {
  const { t } = useI18n();
  const orders = useOrderList();
  const [show, setShow] = useState<Show>('active');

  if (orders.isPending) return <Spin aria-label={t('common.loading')} />;
  if (orders.isError) return <Alert type="error" showIcon message={t(errorMessageKey(orders.error))} />;
  const at = now();
  const sorted = sortOrders(orders.data.items, at);
  const visible = show === 'all' ? sorted : sorted.filter((o) => o.status !== 'closed');
  const overdue = sorted.filter((o) => orderUrgency(o, at) === 'overdue').length;

  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
      <Space wrap align="center" style={{ justifyContent: 'space-between', inlineSize: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('orders.tracker.title')}
        </Typography.Title>
        <Segmented<Show>
          value={show}
          onChange={setShow}
          options={[
            { value: 'active', label: t('orders.tracker.active') },
            { value: 'all', label: t('orders.tracker.all') },
          ]}
        />
      </Space>
      {overdue > 0 && (
        <Alert type="error" showIcon message={t('orders.tracker.overdueCount', { count: overdue })} />
      )}
      {visible.length === 0 ? (
        <Empty description={t('orders.tracker.empty')} />
      ) : (
        <Space direction="vertical" style={{ inlineSize: '100%' }} data-testid="orders-tracker">
          {visible.map((o) => (
            <OrderCard key={o.orderId} order={o} now={now} />
          ))}
        </Space>
      )}
    </Space>
  );
}
