import { Button, Table, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n.js';
import { formatFigure, type FigureColumn } from './figure-columns.js';

interface Row<F> {
  unit: { code: string; name: string };
  figures: F;
}

/** Opens the list behind a figure (drill-down): the column's, of one unit (its code) or of all (null). */
export type OpenFigure<F> = (column: FigureColumn<F>, unit: { code: string; name: string } | null) => void;

/** One figure in a cell: a dash for nothing measured, red when it is an alarm above zero. */
function FigureValue<F>({ column, figures }: { column: FigureColumn<F>; figures: F }) {
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

/** A figure in a cell; with `onOpen`, a link-like button that opens the cases behind it. */
function FigureCell<F>({
  column,
  figures,
  onOpen,
}: {
  column: FigureColumn<F>;
  figures: F;
  onOpen: (() => void) | undefined;
}) {
  if (!onOpen) return <FigureValue column={column} figures={figures} />;
  return (
    <Button type="link" size="small" onClick={onOpen} style={{ padding: 0, blockSize: 'auto' }}>
      <FigureValue column={column} figures={figures} />
    </Button>
  );
}

/**
 * The figures per unit (station, or sending station for an office), with the total as the last row; with
 * `onOpen`, each figure opens the list of what it counted.
 */
export function FiguresTable<F>({
  rows,
  total,
  columns,
  onOpen,
}: {
  rows: Row<F>[];
  total: F;
  columns: FigureColumn<F>[];
  onOpen?: OpenFigure<F>;
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
          render: (_: unknown, r: Row<F>) => (
            <FigureCell
              column={column}
              figures={r.figures}
              onOpen={onOpen && (() => onOpen(column, r.unit))}
            />
          ),
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
                  <FigureCell
                    column={column}
                    figures={total}
                    onOpen={onOpen && (() => onOpen(column, null))}
                  />
                </strong>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}
