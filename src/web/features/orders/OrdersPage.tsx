import { Alert, Card, Empty, Input, Select, Space, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { orderStates, type OrderState } from '../../../domain/orders/orders.schema.js';
import { errorMessageKey } from '../../api/client.js';
import { navigate, routeQuery, usePath, withQuery } from '../../app/router.js';
import { isJalaliDay } from '../../components/jalali-day.js';
import { KeysetPager } from '../../components/KeysetPager.js';
import { useKeysetPages } from '../../components/keyset-pages.js';
import { useI18n } from '../../i18n/i18n.js';
import { mergeCounterparts } from './order-counterparts.js';
import { useOrderList } from './api.js';
import { OrderCard } from './OrderCard.js';
import {
  duePresets,
  orderFilterFromQuery,
  orderFilterToQuery,
  orderListParams,
  type DuePreset,
  type OrdersScreenFilter,
} from './order-filters.js';
import { orderUrgency, sortOrders } from './order-tracker.js';

/**
 * The orders tracker, on both sides: overdue first (red), due soon, then the rest, each with its countdown;
 * filtered by state, case number, the other side and due date on the server, the filters in the URL, read
 * page by page (keyset).
 */
export function OrdersPage({ now = () => new Date() }: { now?: () => Date }) {
  const { t } = useI18n();
  const path = usePath();
  const queryText = path.split('?')[1] ?? '';
  const filter = useMemo(() => orderFilterFromQuery(routeQuery(path)), [path]);
  // "Due within 3 days" counts from the moment the filter was chosen: a clock read at each render would
  // make a new query each time, so `now` is read only when the filter changes.
  const [params, setParams] = useState(() => ({ for: path, params: orderListParams(filter, now()) }));
  if (params.for !== path) setParams({ for: path, params: orderListParams(filter, now()) });
  const pages = useKeysetPages(queryText);
  const orders = useOrderList({ ...params.params, cursor: pages.cursor });
  const [counterparts, setCounterparts] = useState<ReadonlyMap<string, string>>(() => new Map());
  const merged = mergeCounterparts(counterparts, orders.data?.items ?? []);
  if (merged !== counterparts) setCounterparts(merged);
  const [caseNumber, setCaseNumber] = useState(filter.caseNumber ?? '');
  const [dueDay, setDueDay] = useState(filter.dueDay ?? '');

  const change = (patch: Partial<OrdersScreenFilter>) =>
    navigate(withQuery('/orders', orderFilterToQuery({ ...filter, ...patch })));
  const dueDayBad = dueDay.trim() !== '' && !isJalaliDay(dueDay);

  const at = now();
  const items = orders.data ? sortOrders(orders.data.items, at) : [];
  const overdue = items.filter((o) => orderUrgency(o, at) === 'overdue').length;

  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('orders.tracker.title')}
      </Typography.Title>
      <Card size="small">
        <Space wrap data-testid="orders-filters">
          <Select<OrderState | 'all'>
            aria-label={t('orders.filters.state')}
            style={{ minInlineSize: 150 }}
            value={filter.state}
            options={(['all', ...orderStates] as const).map((s) => ({
              value: s,
              label: t(`orders.filters.states.${s}`),
            }))}
            onChange={(state) => change({ state })}
          />
          <Input.Search
            allowClear
            aria-label={t('orders.filters.caseNumber')}
            placeholder={t('orders.filters.caseNumber')}
            style={{ inlineSize: 200 }}
            value={caseNumber}
            onChange={(e) => setCaseNumber(e.target.value)}
            onSearch={(value) => change({ caseNumber: value.trim() || undefined })}
          />
          <Select<string>
            allowClear
            aria-label={t('orders.filters.counterpart')}
            placeholder={t('orders.filters.counterpart')}
            style={{ minInlineSize: 200 }}
            value={filter.counterpart}
            options={[...counterparts].map(([code, name]) => ({ value: code, label: name }))}
            onChange={(counterpart) => change({ counterpart })}
          />
          <Select<DuePreset>
            allowClear
            aria-label={t('orders.filters.due')}
            placeholder={t('orders.filters.due')}
            style={{ minInlineSize: 150 }}
            value={filter.due}
            options={duePresets.map((d) => ({ value: d, label: t(`orders.filters.dues.${d}`) }))}
            onChange={(due) => change({ due, dueDay: undefined })}
          />
          <Input.Search
            allowClear
            aria-label={t('orders.filters.dueDay')}
            placeholder={t('orders.filters.dueDayPlaceholder')}
            style={{ inlineSize: 190 }}
            status={dueDayBad ? 'error' : undefined}
            aria-invalid={dueDayBad}
            value={dueDay}
            onChange={(e) => setDueDay(e.target.value)}
            onSearch={(value) => !dueDayBad && change({ dueDay: value.trim() || undefined, due: undefined })}
          />
        </Space>
        {dueDayBad && (
          <Typography.Text type="danger" role="alert" style={{ display: 'block' }}>
            {t('orders.filters.badDay')}
          </Typography.Text>
        )}
      </Card>
      {orders.isError && <Alert type="error" showIcon message={t(errorMessageKey(orders.error))} />}
      {overdue > 0 && (
        <Alert type="error" showIcon message={t('orders.tracker.overdueCount', { count: overdue })} />
      )}
      {orders.isPending ? (
        <Spin aria-label={t('common.loading')} />
      ) : items.length === 0 ? (
        <Empty description={t('orders.tracker.empty')} />
      ) : (
        <Space direction="vertical" style={{ inlineSize: '100%' }} data-testid="orders-tracker">
          {items.map((o) => (
            <OrderCard key={o.orderId} order={o} now={now} />
          ))}
        </Space>
      )}
      <KeysetPager pages={pages} list={orders} />
    </Space>
  );
}
