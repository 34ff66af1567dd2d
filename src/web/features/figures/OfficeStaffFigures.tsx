import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Table } from 'antd';
import type {
  OfficeStaffFigureRow,
  OfficeStaffFigures as Figures,
} from '../../../domain/figures/office-staff-figures.schema.js';
import { apiRequest, errorMessageKey, queryString } from '../../api/client.js';
import { useI18n } from '../../i18n/i18n.js';

/** GET /api/figures/office-staff?from=&to= — the office's figures per branch and per دادیار. */
function useOfficeStaffFigures(period: { from: Date; to: Date }) {
  const from = period.from.toISOString();
  const to = period.to.toISOString();
  return useQuery({
    queryKey: ['figures', 'office-staff', from, to],
    queryFn: ({ signal }) =>
      apiRequest<Figures>(`/api/figures/office-staff${queryString({ from, to })}`, { signal }),
  });
}

const KEYS = ['registered', 'ordersIssued', 'ordersPending', 'ordersOverdue'] as const;

function StaffTable({ title, rows }: { title: string; rows: OfficeStaffFigureRow[] }) {
  const { t, digits } = useI18n();
  return (
    <Card size="small" title={title}>
      <Table<OfficeStaffFigureRow>
        rowKey="name"
        size="small"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t('figures.staff.empty') }}
        columns={[
          { key: 'name', title: t('figures.staff.name'), dataIndex: 'name' },
          ...KEYS.map((k) => ({
            key: k,
            title: t(`figures.staff.${k}`),
            render: (_: unknown, r: OfficeStaffFigureRow) => digits(String(r[k])),
          })),
        ]}
      />
    </Card>
  );
}

/** A prosecutor's office's figures per branch and per دادیار/بازپرس over the figures page's period. */
export function OfficeStaffFigures({ period }: { period: { from: Date; to: Date } }) {
  const { t } = useI18n();
  const figures = useOfficeStaffFigures(period);
  if (figures.isError) return <Alert type="error" showIcon message={t(errorMessageKey(figures.error))} />;
  return (
    <Row gutter={[12, 12]} data-testid="office-staff-figures">
      <Col xs={24} lg={12}>
        <StaffTable title={t('figures.staff.byBranch')} rows={figures.data?.branches ?? []} />
      </Col>
      <Col xs={24} lg={12}>
        <StaffTable title={t('figures.staff.byStaff')} rows={figures.data?.staff ?? []} />
      </Col>
    </Row>
  );
}
