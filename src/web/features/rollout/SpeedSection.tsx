import { Alert, Button, Card, Col, Row, Space, Spin, Statistic, Table } from 'antd';
import { useMemo, useState } from 'react';
import { TEHRAN } from '../../../domain/jalali.js';
import type { Speed } from '../../../domain/rollout/rollout.schema.js';
import { errorMessageKey } from '../../api/client.js';
import { downloadCsv } from '../../components/csv-download.js';
import { formatInstant } from '../../components/JalaliTime.js';
import { LazyChart } from '../../components/LazyChart.js';
import { useI18n, type Locale } from '../../i18n/i18n.js';
import { formatFigure } from '../figures/figure-columns.js';
import { useSpeed } from './api.js';

type Month = Speed['months'][number];

const faMonth = new Intl.DateTimeFormat('fa-IR-u-ca-persian', {
  timeZone: TEHRAN,
  year: 'numeric',
  month: 'long',
});

/** A Jalali month by its name in Persian (آبان ۱۴۰۵, in this order whatever the ICU build's); in English, its first day. */
function monthLabel(locale: Locale, m: Month): string {
  if (locale !== 'fa') return formatInstant(locale, new Date(m.from), 'date');
  const parts = faMonth.formatToParts(new Date(m.from));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('month')} ${part('year')}`;
}

/** The month's columns, in the order the table and the CSV show them. */
const COLUMNS = [
  ['received', 'count'],
  ['medianHoursToReceipt', 'hours'],
  ['p90HoursToReceipt', 'hours'],
  ['registered', 'count'],
  ['medianHoursToRegistration', 'hours'],
  ['p90HoursToRegistration', 'hours'],
  ['sentElectronically', 'count'],
  ['sentOnPaper', 'count'],
] as const satisfies readonly (readonly [keyof Month, 'count' | 'hours'])[];

/** The share of files sent electronically in a month (null when nothing was sent either way). */
const electronicShare = (m: Month) => {
  const all = m.sentElectronically + m.sentOnPaper;
  return all === 0 ? null : m.sentElectronically / all;
};
const returnRate = (r: { decided: number; returned: number }) =>
  r.decided === 0 ? null : r.returned / r.decided;

/**
 * "Is it faster?" on the rollout page: per Jalali month of the last year, the median and p90 of the time from
 * opening a file to the office's receipt and to its registration (a chart and a table), the share sent
 * electronically against on paper, and the returns-for-completion rate before and after the units went live;
 * the table exported as CSV (UTF-8 with BOM).
 */
export function SpeedSection({ now = () => new Date() }: { now?: () => Date }) {
  const { t, locale } = useI18n();
  const [period] = useState(() => {
    const to = now();
    return { from: new Date(to.getTime() - 365 * 86_400_000), to };
  });
  const speed = useSpeed(period);
  const i18n = { locale, t };
  const option = useMemo(() => {
    const months = speed.data?.months ?? [];
    return {
      grid: { containLabel: true, left: 16, right: 16, top: 40, bottom: 16 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: months.map((m) => monthLabel(locale, m)) },
      yAxis: { type: 'value', name: t('rollout.speed.hoursAxis') },
      series: (['medianHoursToReceipt', 'p90HoursToReceipt', 'medianHoursToRegistration'] as const).map(
        (key) => ({
          type: 'line',
          name: t(`rollout.speed.columns.${key}`),
          data: months.map((m) => m[key]),
        }),
      ),
    };
  }, [speed.data, locale, t]);
  if (speed.isPending) return <Spin aria-label={t('common.loading')} />;
  if (speed.isError) return <Alert type="error" showIcon message={t(errorMessageKey(speed.error))} />;
  const { months, returns } = speed.data;
  return (
    <Card size="small" title={t('rollout.speed.title')} data-testid="rollout-speed">
      <Space direction="vertical" style={{ inlineSize: '100%' }}>
        <Row gutter={[12, 12]}>
          {(['beforeLive', 'afterLive'] as const).map((when) => (
            <Col key={when} xs={12} md={6}>
              <Statistic
                title={t(`rollout.speed.returns.${when}`)}
                value={formatFigure(i18n, 'percent', returnRate(returns[when]))}
                formatter={(text) => <span dir="auto">{text}</span>}
              />
            </Col>
          ))}
        </Row>
        <Button
          data-testid="speed-export"
          onClick={() =>
            downloadCsv(
              'rollout-speed.csv',
              ['from', 'to', ...COLUMNS.map(([key]) => key), 'electronicShare'],
              months.map((m) => [m.from, m.to, ...COLUMNS.map(([key]) => m[key]), electronicShare(m)]),
            )
          }
        >
          {t('common.exportCsv')}
        </Button>
        {months.length > 0 && <LazyChart option={option} label={t('rollout.speed.chart')} height={280} />}
        <Table<Month>
          size="small"
          rowKey={(m) => m.from}
          dataSource={months}
          pagination={false}
          scroll={{ x: 960 }}
          data-testid="speed-table"
          columns={[
            { key: 'month', title: t('rollout.speed.month'), render: (_, m) => monthLabel(locale, m) },
            ...COLUMNS.map(([key, kind]) => ({
              key,
              title: t(`rollout.speed.columns.${key}`),
              align: 'end' as const,
              render: (_: unknown, m: Month) => formatFigure(i18n, kind, m[key]),
            })),
            {
              key: 'electronicShare',
              title: t('rollout.speed.columns.electronicShare'),
              align: 'end' as const,
              render: (_: unknown, m: Month) => formatFigure(i18n, 'percent', electronicShare(m)),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
