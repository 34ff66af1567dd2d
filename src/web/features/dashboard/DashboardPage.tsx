import type { ReactNode } from 'react';
import { Alert, Badge, Button, Card, Col, List, Row, Space, Tag, Typography } from 'antd';
import { errorMessageKey } from '../../api/client.js';
import type { CaseSummary } from '../../../domain/cases/case.schema.js';
import type { Order } from '../../../domain/orders/orders.schema.js';
import { href } from '../../app/router.js';
import { CustodyCountdown } from '../../components/CustodyCountdown.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { useI18n } from '../../i18n/i18n.js';
import { codeLabel, joinNames } from '../cases/case-labels.js';
import { UpcomingEscorts } from '../escorts/UpcomingEscorts.js';
import { useRecentCases, useStationOrders } from './api.js';
import { pendingOrders, summariseStation } from './station-summary.js';

function Panel({
  title,
  count,
  extra,
  children,
}: {
  title: string;
  count?: number;
  extra?: ReactNode;
  children: ReactNode;
}) {
  const { digits } = useI18n();
  return (
    <Card
      size="small"
      style={{ blockSize: '100%' }}
      title={
        <Space>
          {title}
          {count !== undefined && (
            <Badge count={digits(count)} showZero color={count > 0 ? '#1f5fa8' : '#bfbfbf'} />
          )}
        </Space>
      }
      extra={extra}
    >
      {children}
    </Card>
  );
}

function CaseLink({ c }: { c: CaseSummary }) {
  const { digits, locale } = useI18n();
  return (
    <Space direction="vertical" size={0}>
      <a href={href(`/cases/${c.id}`)} className="cb-ltr">
        {digits(c.caseNumber)}
      </a>
      <Typography.Text type="secondary">{joinNames(c.partyNames, locale) || '—'}</Typography.Text>
    </Space>
  );
}

function OrderItem({ order }: { order: Order }) {
  const i18n = useI18n();
  const { t, digits } = i18n;
  const caseRef = <span className="cb-id">{digits(order.caseNumber ?? order.caseRef)}</span>;
  return (
    <List.Item data-order-id={order.orderId}>
      <Space direction="vertical" size={2} style={{ inlineSize: '100%' }}>
        <Space wrap>
          <strong>{codeLabel(i18n, 'dashboard.orders.kinds', order.kind)}</strong>
          {order.caseId ? <a href={href(`/cases/${order.caseId}`)}>{caseRef}</a> : caseRef}
          <Tag>{codeLabel(i18n, 'dashboard.orders.status', order.status)}</Tag>
        </Space>
        <Typography.Text type="secondary">{order.counterpartName ?? order.counterpart}</Typography.Text>
        {order.overdue ? (
          <Tag color="error">
            {t('dashboard.orders.overdue')} · <JalaliTime at={order.deadlineAt} />
          </Tag>
        ) : (
          <Tag color="processing">
            {t('dashboard.orders.due')}: <JalaliTime at={order.deadlineAt} />
          </Tag>
        )}
      </Space>
    </List.Item>
  );
}

/**
 * The station's home: people in custody with their live 24-hour clocks (red under four hours), the judicial
 * orders to act on, the escorts under way, files returned for completion, and files sent today.
 */
export function DashboardPage({ now = () => new Date() }: { now?: () => Date }) {
  const { t } = useI18n();
  const cases = useRecentCases();
  const orders = useStationOrders();
  const summary = summariseStation(cases.data?.items ?? [], now());
  const pending = orders.data ? pendingOrders(orders.data) : [];

  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
      <Space style={{ justifyContent: 'space-between', inlineSize: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('dashboard.title')}
        </Typography.Title>
        <Space wrap>
          <Button
            loading={cases.isFetching || orders.isFetching}
            onClick={() => {
              void cases.refetch();
              void orders.refetch();
            }}
          >
            {t('common.refresh')}
          </Button>
          <Button type="primary" href={href('/cases/new')}>
            {t('cases.list.newCase')}
          </Button>
        </Space>
      </Space>
      {cases.isError && <Alert type="error" showIcon message={t(errorMessageKey(cases.error))} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Panel
            title={t('dashboard.custody.title')}
            count={summary.inCustody.length}
            extra={<Typography.Text type="secondary">{t('dashboard.custody.hint')}</Typography.Text>}
          >
            <List
              data-testid="custody-list"
              size="small"
              loading={cases.isPending}
              dataSource={summary.inCustody}
              locale={{ emptyText: t('dashboard.custody.empty') }}
              renderItem={(c) => (
                <List.Item key={c.id}>
                  <CaseLink c={c} />
                  <CustodyCountdown deadlineAt={c.custodyDeadlineAt!} />
                </List.Item>
              )}
            />
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title={t('dashboard.orders.title')} count={orders.data ? pending.length : undefined}>
            {orders.isError ? (
              <Alert type="error" message={t(errorMessageKey(orders.error))} />
            ) : orders.data === null ? (
              <Typography.Text type="secondary">{t('dashboard.orders.unavailable')}</Typography.Text>
            ) : (
              <List
                data-testid="orders-list"
                size="small"
                loading={orders.isPending}
                dataSource={pending}
                locale={{ emptyText: t('dashboard.orders.empty') }}
                renderItem={(o) => <OrderItem key={o.orderId} order={o} />}
              />
            )}
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel
            title={t('dashboard.escorts.title')}
            extra={<a href={href('/escorts')}>{t('dashboard.escorts.all')}</a>}
          >
            <UpcomingEscorts />
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title={t('dashboard.returned.title')} count={summary.returned.length}>
            <List
              data-testid="returned-list"
              size="small"
              loading={cases.isPending}
              dataSource={summary.returned}
              locale={{ emptyText: t('dashboard.returned.empty') }}
              renderItem={(c) => (
                <List.Item key={c.id}>
                  <CaseLink c={c} />
                  <JalaliTime at={c.createdAt} mode="date" />
                </List.Item>
              )}
            />
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title={t('dashboard.sentToday.title')} count={summary.sentToday.length}>
            <List
              data-testid="sent-today-list"
              size="small"
              loading={cases.isPending}
              dataSource={summary.sentToday}
              locale={{ emptyText: t('dashboard.sentToday.empty') }}
              renderItem={(c) => (
                <List.Item key={c.id}>
                  <CaseLink c={c} />
                  <JalaliTime at={c.sentAt} />
                </List.Item>
              )}
            />
          </Panel>
        </Col>
      </Row>
      {cases.data && cases.data.next !== null && (
        <Typography.Text type="secondary">
          {t('dashboard.scope', { count: cases.data.items.length })}
        </Typography.Text>
      )}
    </Space>
  );
}
