import { Alert, Button, Drawer, Empty, List, Space, Spin, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { href } from '../../app/router.js';
import { errorMessageKey } from '../../api/client.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { useI18n } from '../../i18n/i18n.js';
import type { FigureColumn } from './figure-columns.js';
import { useFigureCases, type FigureCasesRequest } from './figure-cases-api.js';

/**
 * The list behind one figure (drill-down): what the figure counted over the same period, of the unit whose
 * cell was opened or of all units, newest first, each linked to its case (police) or intake file (office);
 * more pages on demand.
 */
export function FigureCasesDrawer({
  request,
  title,
  onClose,
}: {
  request: FigureCasesRequest | null;
  title: string;
  onClose: () => void;
}) {
  const { t, digits } = useI18n();
  const list = useFigureCases(request);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Drawer open={request !== null} onClose={onClose} title={title} width={520} data-testid="figure-cases">
      {list.isPending ? (
        <Spin aria-label={t('common.loading')} />
      ) : list.isError ? (
        <Alert type="error" showIcon message={t(errorMessageKey(list.error))} />
      ) : items.length === 0 ? (
        <Empty description={t('figures.drillDown.empty')} />
      ) : (
        <Space direction="vertical" style={{ inlineSize: '100%' }}>
          <List
            size="small"
            dataSource={items}
            rowKey={(item) => item.key}
            renderItem={(item) => {
              const target = item.caseId
                ? `/cases/${item.caseId}`
                : item.intakeId
                  ? `/intake/${item.intakeId}`
                  : null;
              const label = item.caseNumber ? digits(item.caseNumber) : t('figures.drillDown.noCase');
              return (
                <List.Item data-testid="figure-case">
                  <Space direction="vertical" size={0}>
                    {target ? <a href={href(target)}>{label}</a> : <span>{label}</span>}
                    <Typography.Text type="secondary">
                      {item.unit.name} · <JalaliTime at={item.at} />
                    </Typography.Text>
                  </Space>
                </List.Item>
              );
            }}
          />
          {list.hasNextPage ? (
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('figures.drillDown.more')}
            </Button>
          ) : null}
        </Space>
      )}
    </Drawer>
  );
}

/**
 * The drill-down of a figures page: `open(column, unit)` (a unit's cell, or the total with null) shows the
 * drawer of what that figure counted over `period`; `drawer` is the element to render once on the page.
 */
export function useFigureDrillDown(period: { from: Date; to: Date }): {
  open: <F>(column: FigureColumn<F>, unit: { code: string; name: string } | null) => void;
  drawer: ReactNode;
} {
  const { t } = useI18n();
  const [opened, setOpened] = useState<{ request: FigureCasesRequest; title: string } | null>(null);
  const open = <F,>(column: FigureColumn<F>, unit: { code: string; name: string } | null) =>
    setOpened({
      request: { measure: column.measure, unit: unit?.code ?? null, period },
      title: t('figures.drillDown.title', {
        figure: t(`figures.columns.${column.key}`),
        unit: unit?.name ?? t('figures.total'),
      }),
    });
  return {
    open,
    drawer: (
      <FigureCasesDrawer
        request={opened?.request ?? null}
        title={opened?.title ?? ''}
        onClose={() => setOpened(null)}
      />
    ),
  };
}
