import { Button, Space } from 'antd';
import { useMemo } from 'react';
import { downloadCsv } from '../../components/csv-download.js';
import { LazyChart } from '../../components/LazyChart.js';
import { useI18n } from '../../i18n/i18n.js';
import type { FigureColumn } from './figure-columns.js';

interface Row<F> {
  unit: { code: string; name: string };
  figures: F;
}

/**
 * The figures' chart (the first two count columns per unit, as bars) and the table's CSV export (UTF-8 with BOM,
 * one row per unit and the total, the column keys as the header so that a spreadsheet can be re-read).
 */
export function FiguresChart<F>({
  rows,
  total,
  columns,
  fileName,
}: {
  rows: Row<F>[];
  total: F;
  columns: FigureColumn<F>[];
  fileName: string;
}) {
  const { t } = useI18n();
  const bars = columns.filter((c) => c.kind === 'count').slice(0, 2);
  const option = useMemo(
    () => ({
      grid: { containLabel: true, left: 16, right: 16, top: 40, bottom: 16 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: rows.map((r) => r.unit.name), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value' },
      series: bars.map((c) => ({
        type: 'bar',
        name: t(`figures.columns.${c.key}`),
        data: rows.map((r) => c.value(r.figures)),
      })),
    }),
    [rows, bars, t],
  );
  return (
    <Space direction="vertical" style={{ inlineSize: '100%' }}>
      <Button
        data-testid="figures-export"
        onClick={() =>
          downloadCsv(
            fileName,
            ['code', 'name', ...columns.map((c) => c.key)],
            [
              ...rows.map((r) => [r.unit.code, r.unit.name, ...columns.map((c) => c.value(r.figures))]),
              ['', t('figures.total'), ...columns.map((c) => c.value(total))],
            ],
          )
        }
      >
        {t('common.exportCsv')}
      </Button>
      {rows.length > 0 && <LazyChart option={option} label={t('figures.chart')} height={300} />}
    </Space>
  );
}
