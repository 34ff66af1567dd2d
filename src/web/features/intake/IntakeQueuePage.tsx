import { useState, type HTMLAttributes } from 'react';
import { Alert, Card, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import {
  intakeStatuses,
  type IntakeStatus,
  type IntakeSummary,
} from '../../../domain/intake/intake.schema.js';
import { errorMessageKey } from '../../api/client.js';
import { href } from '../../app/router.js';
import { CustodyCountdown } from '../../components/CustodyCountdown.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { KeysetPager } from '../../components/KeysetPager.js';
import { useKeysetPages } from '../../components/keyset-pages.js';
import { useI18n } from '../../i18n/i18n.js';
import { codeLabel, joinNames } from '../cases/case-labels.js';
import { useCrimeCategories } from '../reference/api.js';
import { referenceName, referenceOptions } from '../reference/reference-name.js';
import { useIntakeQueue, type IntakeQueueFilters } from './api.js';
import { hasRunningCustody, mergeStations, sortIntakeQueue } from './intake-queue.js';

export const intakeStatusColors: Record<IntakeStatus, string> = {
  received: 'blue',
  registered: 'green',
  returned: 'orange',
  rejected: 'red',
};

/** The office's intake queue: running custody clocks first (live, red under 4 h), then newest first; filters. */
export function IntakeQueuePage({ now }: { now?: () => Date } = {}) {
  const i18n = useI18n();
  const { t, digits, locale } = i18n;
  const [filters, setFilters] = useState<Omit<IntakeQueueFilters, 'cursor'>>({ pageSize: 20 });
  const [stations, setStations] = useState<Map<string, string>>(() => new Map());
  const pages = useKeysetPages(JSON.stringify(filters));
  const queue = useIntakeQueue({ ...filters, cursor: pages.cursor });
  const categories = useCrimeCategories();
  const items = queue.data ? sortIntakeQueue(queue.data.items) : [];
  const merged = mergeStations(stations, items);
  // Derived state set during render: remember every station seen, so that filtering keeps the others listed.
  if (merged !== stations) setStations(merged);

  const filter = (patch: Partial<IntakeQueueFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const countdownProps = now ? { now } : {};

  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('intake.queue.title')}
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          <Select<string>
            allowClear
            aria-label={t('intake.queue.station')}
            placeholder={t('intake.queue.station')}
            style={{ minInlineSize: 200 }}
            value={filters.stationCode}
            options={[...stations].map(([code, name]) => ({ value: code, label: name }))}
            onChange={(stationCode) => filter({ stationCode })}
          />
          <Select<string>
            allowClear
            showSearch
            optionFilterProp="label"
            aria-label={t('intake.queue.crimeCategory')}
            placeholder={t('intake.queue.crimeCategory')}
            style={{ minInlineSize: 200 }}
            value={filters.crimeCategory}
            options={referenceOptions(categories.data, locale)}
            onChange={(crimeCategory) => filter({ crimeCategory })}
          />
          <Select<IntakeStatus>
            allowClear
            aria-label={t('intake.queue.status')}
            placeholder={t('intake.queue.status')}
            style={{ minInlineSize: 160 }}
            value={filters.status}
            options={intakeStatuses.map((s) => ({ value: s, label: t(`intake.status.${s}`) }))}
            onChange={(status) => filter({ status })}
          />
          <Space>
            <Switch
              aria-label={t('intake.queue.custodyOnly')}
              checked={!!filters.custody}
              onChange={(custody) => filter({ custody })}
            />
            <Typography.Text>{t('intake.queue.custodyOnly')}</Typography.Text>
          </Space>
        </Space>
      </Card>
      {queue.isError && <Alert type="error" showIcon message={t(errorMessageKey(queue.error))} />}
      <Table<IntakeSummary>
        data-testid="intake-queue"
        rowKey="id"
        size="middle"
        loading={queue.isFetching && !queue.data}
        dataSource={items}
        scroll={{ x: true }}
        locale={{ emptyText: t('intake.queue.empty') }}
        onRow={(file) => ({ 'data-intake-id': file.id }) as HTMLAttributes<HTMLElement>}
        pagination={false}
        columns={[
          {
            key: 'custody',
            title: t('intake.fields.custody'),
            render: (_, file) =>
              hasRunningCustody(file) ? (
                <CustodyCountdown deadlineAt={file.custodyDeadlineAt!} {...countdownProps} />
              ) : (
                t('common.none')
              ),
          },
          {
            key: 'caseNumber',
            title: t('intake.fields.caseNumber'),
            render: (_, file) => (
              <a href={href(`/intake/${file.id}`)}>
                <span className="cb-ltr">{digits(file.caseNumber)}</span>
              </a>
            ),
          },
          { key: 'station', title: t('intake.fields.station'), render: (_, file) => file.station.name },
          {
            key: 'crimeCategory',
            title: t('intake.fields.crimeCategory'),
            render: (_, file) => referenceName(categories.data, file.crimeCategoryCode, locale),
          },
          {
            key: 'parties',
            title: t('intake.fields.parties'),
            render: (_, file) => joinNames(file.partyNames, locale),
          },
          {
            key: 'receivedAt',
            title: t('intake.fields.receivedAt'),
            render: (_, file) => <JalaliTime at={file.receivedAt} />,
          },
          {
            key: 'status',
            title: t('intake.fields.status'),
            render: (_, file) => (
              <Space size={4} wrap>
                <Tag color={intakeStatusColors[file.status]}>
                  {codeLabel(i18n, 'intake.status', file.status)}
                </Tag>
                {file.fileNumber && <span className="cb-id">{digits(file.fileNumber)}</span>}
              </Space>
            ),
          },
        ]}
      />
      <KeysetPager pages={pages} list={queue} />
    </Space>
  );
}
