import { useEffect, useState } from 'react';
import { Alert, Button, Input, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { errorMessageKey } from '../../api/client.js';
import type { CaseSummary } from '../../../domain/cases/case.schema.js';
import { href, navigate, routeQuery, usePath, withQuery } from '../../app/router.js';
import { CustodyCountdown } from '../../components/CustodyCountdown.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { Highlight } from '../../components/Highlight.js';
import { KeysetPager } from '../../components/KeysetPager.js';
import { useKeysetPages } from '../../components/keyset-pages.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCrimeCategories } from '../reference/api.js';
import { referenceName } from '../reference/reference-name.js';
import { useSession } from '../auth/api.js';
import { useCaseList } from './api.js';
import { CaseListFilters } from './CaseListFilters.js';
import {
  caseFilterFromQuery,
  caseFilterToQuery,
  caseListApiParams,
  type CaseListFilter,
} from './case-list-filters.js';
import { codeLabel, joinNames } from './case-labels.js';

const PAGE_SIZE = 20;

/** Waits until typing pauses before searching. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * The station's cases: one search box (case number, tracking code, national ID, name), the filters (a job's
 * queue, status, crime category, period, mine, order; kept in the URL) and the custody clocks.
 */
export function CaseListPage() {
  const i18n = useI18n();
  const { t, digits, locale } = i18n;
  const session = useSession();
  // The filters live in the URL (`#/cases?queue=…&fromDay=…`); the header's search box arrives as `?q=…`, and a
  // new query from there replaces what is typed here.
  const filter = caseFilterFromQuery(routeQuery(usePath()));
  const routeQ = filter.q ?? '';
  const [fromRoute, setFromRoute] = useState(routeQ);
  const [text, setText] = useState(routeQ);
  if (routeQ !== fromRoute) {
    setFromRoute(routeQ);
    setText(routeQ);
  }
  // Answers as the user types: a pause of 250 ms asks; a new question cancels the one in flight (the
  // query's AbortSignal, as TanStack Query drops the old key).
  const q = useDebounced(text.trim(), 250);
  const params = caseListApiParams({ ...filter, q }, session.data?.id ?? undefined);
  const pages = useKeysetPages(JSON.stringify(params));
  const cases = useCaseList({ ...params, cursor: pages.cursor, pageSize: PAGE_SIZE });
  const filtered = Object.values({ ...params, q: undefined }).some((v) => v !== undefined);
  const applyFilter = (next: CaseListFilter) =>
    navigate(withQuery('/cases', caseFilterToQuery({ ...next, q: text.trim() || undefined })));
  const categories = useCrimeCategories();

  const columns: ColumnsType<CaseSummary> = [
    {
      key: 'caseNumber',
      title: t('cases.fields.caseNumber'),
      render: (_, c) => (
        <a href={href(`/cases/${c.id}`)} className="cb-ltr">
          {digits(c.caseNumber)}
        </a>
      ),
    },
    {
      key: 'trackingCode',
      title: t('cases.fields.trackingCode'),
      render: (_, c) => (c.trackingCode ? <span className="cb-ltr">{digits(c.trackingCode)}</span> : '—'),
    },
    { key: 'origin', title: t('cases.fields.origin'), render: (_, c) => t(`cases.origin.${c.origin}`) },
    {
      key: 'crime',
      title: t('cases.fields.crimeCategory'),
      render: (_, c) => referenceName(categories.data, c.crimeCategoryCode, locale) || '—',
    },
    {
      key: 'parties',
      title: t('cases.fields.parties'),
      render: (_, c) =>
        c.partyNames.length ? <Highlight text={joinNames(c.partyNames, locale)} query={q} /> : '—',
    },
    {
      key: 'status',
      title: t('cases.fields.status'),
      render: (_, c) => <Tag>{codeLabel(i18n, 'cases.status', c.status)}</Tag>,
    },
    {
      key: 'createdAt',
      title: t('cases.fields.createdAt'),
      render: (_, c) => <JalaliTime at={c.createdAt} />,
    },
    {
      key: 'custody',
      title: t('cases.fields.custody'),
      render: (_, c) =>
        c.inCustody && c.custodyDeadlineAt ? <CustodyCountdown deadlineAt={c.custodyDeadlineAt} /> : '—',
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
      <Space style={{ justifyContent: 'space-between', inlineSize: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('cases.list.title')}
        </Typography.Title>
        <Button type="primary" href={href('/cases/new')}>
          {t('cases.list.newCase')}
        </Button>
      </Space>
      <Input.Search
        allowClear
        size="large"
        aria-label={t('cases.list.search')}
        placeholder={t('cases.list.searchPlaceholder')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        loading={cases.isFetching}
      />
      <Space wrap>
        <CaseListFilters filter={filter} onChange={applyFilter} />
        {filtered && <Button onClick={() => applyFilter({})}>{t('cases.filters.clear')}</Button>}
      </Space>
      {cases.isError && <Alert type="error" showIcon message={t(errorMessageKey(cases.error))} />}
      <Table<CaseSummary>
        rowKey="id"
        columns={columns}
        dataSource={cases.data?.items ?? []}
        loading={cases.isPending}
        locale={{ emptyText: q || filtered ? t('cases.list.noMatch') : t('cases.list.empty') }}
        onRow={(c) => ({ onDoubleClick: () => navigate(`/cases/${c.id}`) })}
        pagination={false}
        scroll={{ x: true }}
      />
      <KeysetPager pages={pages} list={cases} />
    </Space>
  );
}
