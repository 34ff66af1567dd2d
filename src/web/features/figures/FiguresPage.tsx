import { Alert, Button, Card, Col, Empty, Row, Segmented, Space, Spin, Statistic, Typography } from 'antd';
import { useState } from 'react';
import type { Figures } from '../../../domain/figures/figures.schema.js';
import { errorMessageKey } from '../../api/client.js';
import { formatInstant } from '../../components/JalaliTime.js';
import { useI18n } from '../../i18n/i18n.js';
import { useFigures } from './api.js';
import { OfficeStaffFigures } from './OfficeStaffFigures.js';
import { formatFigure, officeColumns, policeColumns, type FigureColumn } from './figure-columns.js';
import { useFigureDrillDown } from './FigureCasesDrawer.js';
import { FiguresChart } from './FiguresChart.js';
import { FiguresTable, type OpenFigure } from './FiguresTable.js';
import { periodOf, periodPresets, type PeriodPreset } from './figures-period.js';

/** The figures of the total a manager reads first, by their columns' keys. */
const HEADLINE = {
  police: ['opened', 'returnRate', 'medianHoursToSend', 'inCustodyNow', 'custodyOverLimit', 'ordersOverdue'],
  office: ['received', 'returnRate', 'medianHoursToDecide', 'awaitingDecision', 'ordersOverdue'],
};

/** The headline: one card per figure of the total, red when an alarm is above zero; a card opens its cases. */
function Headline<F>({
  columns,
  total,
  keys,
  onOpen,
}: {
  columns: FigureColumn<F>[];
  total: F;
  keys: string[];
  onOpen: OpenFigure<F>;
}) {
  const { t, locale } = useI18n();
  return (
    <Row gutter={[12, 12]} data-testid="figures-headline">
      {columns
        .filter((c) => keys.includes(c.key))
        .map((c) => {
          const value = c.value(total);
          return (
            <Col key={c.key} xs={12} md={8} xl={4}>
              <Card size="small" hoverable onClick={() => onOpen(c, null)} data-testid={`headline-${c.key}`}>
                <Statistic
                  title={t(`figures.columns.${c.key}`)}
                  value={formatFigure({ locale, t }, c.kind, value)}
                  // antd lays a statistic's value out left to right; "۴٫۴ ساعت" must read in its own direction.
                  formatter={(text) => <span dir="auto">{text}</span>}
                  valueStyle={c.alarm && (value ?? 0) > 0 ? { color: '#cf1322' } : undefined}
                />
              </Card>
            </Col>
          );
        })}
    </Row>
  );
}

/** The most frequent coded reasons, as the Persian sentences the office chose them by. */
function TopReasons({
  title,
  prefix,
  reasons,
}: {
  title: string;
  prefix: string;
  reasons: Figures['topDeficiencies'];
}) {
  const { t, has, digits } = useI18n();
  const sentence = (code: string) => {
    const key = `${prefix}.${code.split('.').slice(1).join('.')}`;
    return has(key) ? t(key) : t(`${prefix}.unknown`, { code });
  };
  return (
    <Card size="small" title={title}>
      {reasons.length === 0 ? (
        <Typography.Text type="secondary">{t('figures.noReasons')}</Typography.Text>
      ) : (
        <ol style={{ margin: 0, paddingInlineStart: 20 }}>
          {reasons.map((r) => (
            <li key={r.code}>
              {sentence(r.code)} <Typography.Text type="secondary">({digits(r.count)})</Typography.Text>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

/**
 * The managers' figures (`#/figures`): a period picked in the Jalali calendar (today, this month, this year,
 * or the last 7 or 30 days), the headline numbers, one row per unit with the total, and the reasons files came
 * back or were refused most often. Police units for a chief or an HQ; the intake per station for an office.
 */
export function FiguresPage({ now = () => new Date() }: { now?: () => Date }) {
  const { t, locale } = useI18n();
  const [preset, setPreset] = useState<PeriodPreset>('month');
  const [period, setPeriod] = useState(() => periodOf('month', now()));
  const figures = useFigures(period);
  const drill = useFigureDrillDown(period);
  const pick = (next: PeriodPreset) => {
    setPreset(next);
    setPeriod(periodOf(next, now()));
  };

  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
      <Space wrap align="center" style={{ justifyContent: 'space-between', inlineSize: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('figures.title')}
        </Typography.Title>
        <Space wrap>
          <Segmented<PeriodPreset>
            value={preset}
            onChange={pick}
            options={periodPresets.map((p) => ({ value: p, label: t(`figures.periods.${p}`) }))}
          />
          <Button onClick={() => pick(preset)} loading={figures.isFetching}>
            {t('figures.refresh')}
          </Button>
        </Space>
      </Space>
      {figures.isPending ? (
        <Spin aria-label={t('common.loading')} />
      ) : figures.isError ? (
        <Alert type="error" showIcon message={t(errorMessageKey(figures.error))} />
      ) : (
        <>
          <Typography.Text type="secondary" data-testid="figures-period">
            {t(`figures.intro.${figures.data.view}`, {
              from: formatInstant(locale, new Date(figures.data.from)),
              to: formatInstant(locale, new Date(figures.data.to)),
            })}
          </Typography.Text>
          {figures.data.view === 'police' ? (
            <Headline
              columns={policeColumns}
              total={figures.data.total}
              keys={HEADLINE.police}
              onOpen={drill.open}
            />
          ) : (
            <Headline
              columns={officeColumns}
              total={figures.data.total}
              keys={HEADLINE.office}
              onOpen={drill.open}
            />
          )}
          {figures.data.rows.length === 0 ? (
            <Empty description={t(`figures.empty.${figures.data.view}`)} />
          ) : figures.data.view === 'police' ? (
            <>
              <FiguresChart
                rows={figures.data.rows}
                total={figures.data.total}
                columns={policeColumns}
                fileName="figures.csv"
              />
              <FiguresTable
                rows={figures.data.rows}
                total={figures.data.total}
                columns={policeColumns}
                onOpen={drill.open}
              />
            </>
          ) : (
            <>
              <FiguresChart
                rows={figures.data.rows}
                total={figures.data.total}
                columns={officeColumns}
                fileName="figures.csv"
              />
              <FiguresTable
                rows={figures.data.rows}
                total={figures.data.total}
                columns={officeColumns}
                onOpen={drill.open}
              />
              <OfficeStaffFigures period={period} />
            </>
          )}
          <Row gutter={[12, 12]}>
            {(
              [
                ['topDeficiencies', 'deficiency'],
                ['topRejections', 'rejection'],
              ] as const
            ).map(([list, prefix]) => (
              <Col key={list} xs={24} md={12}>
                <TopReasons title={t(`figures.${list}`)} prefix={prefix} reasons={figures.data[list]} />
              </Col>
            ))}
          </Row>
          {drill.drawer}
        </>
      )}
    </Space>
  );
}
