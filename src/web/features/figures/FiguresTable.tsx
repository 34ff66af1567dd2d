import { Table, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n.js';
import { formatFigure, type FigureColumn } from './figure-columns.js';

interface Row<F> {
  unit: { code: string; name: string };
  figures: F;
}

/** One figure in a cell: a dash for nothing measured, red when it is an alarm above zero. */
function FigureCell<F>({ column, figures }: { column: FigureColumn<F>; figures: F }) {
  const { locale, t } = useI18n();
  const value = column.value(figures);
  const text = formatFigure({ locale, t }, column.kind, value);
  if (column.alarm && value !== null && value > 0)
    return (
      <Typography.Text type="danger" strong data-alarm="true">
        {text}
      </Typography.Text>
    );
  return <>{text}</>;
}

/** The figures per unit (station, or sending station for an office), with the total as the last row. */
export function FiguresTable<F>({
  rows,
  total,
  columns,
}: {
  rows: Row<F>[];
  total: F;
  columns: FigureColumn<F>[];
}) {
  const { t, digits } = useI18n();
  return (
    <Table<Row<F>>
      size="small"
      rowKey={(r) => r.unit.code}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 960 }}
      className="cb-figures-table"
      data-testid="figures-table"
      columns={[
        {
          key: 'unit',
          title: t('figures.unit'),
          render: (_, r) => (
            <>
              {r.unit.name} <Typography.Text type="secondary">{digits(r.unit.code)}</Typography.Text>
            </>
          ),
        },
        ...columns.map((column) => ({
          key: column.key,
          title: t(`figures.columns.${column.key}`),
          align: 'end' as const,
          render: (_: unknown, r: Row<F>) => <FigureCell column={column} figures={r.figures} />,
        })),
      ]}
      summary={() =>
        rows.length > 1 ? (
          <Table.Summary.Row data-testid="figures-total">
            <Table.Summary.Cell index={0}>
              <strong>{t('figures.total')}</strong>
            </Table.Summary.Cell>
            {columns.map((column, i) => (
              <Table.Summary.Cell key={column.key} index={i + 1} align="end">
                <strong>
                  <FigureCell column={column} figures={total} />
                </strong>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}
