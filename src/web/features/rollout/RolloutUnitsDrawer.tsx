import { Drawer, Empty, List, Tag, Typography } from 'antd';
import type { RolloutStep } from '../../../domain/rollout/rollout-state.js';
import type { RolloutDashboard } from '../../../domain/rollout/rollout.schema.js';
import { useI18n } from '../../i18n/i18n.js';

type RolloutUnit = RolloutDashboard['units'][number];

/** What one figure of the rollout page counted: a wave, a province and a state, each optional. */
export interface RolloutUnitsFilter {
  wave?: number;
  province?: string;
  state?: RolloutStep;
}

/** The units behind a figure: the dashboard's units that the figure's own grouping counted, in plan order. */
export function unitsBehind(units: readonly RolloutUnit[], filter: RolloutUnitsFilter): RolloutUnit[] {
  return units.filter(
    (u) =>
      (filter.wave === undefined || u.wave === filter.wave) &&
      (filter.province === undefined || u.province === filter.province) &&
      (filter.state === undefined || u.state === filter.state),
  );
}

/** The drawer listing the units behind a count of the rollout page (as the figures page lists cases). */
export function RolloutUnitsDrawer({
  units,
  filter,
  title,
  onClose,
}: {
  units: readonly RolloutUnit[];
  filter: RolloutUnitsFilter | null;
  title: string;
  onClose: () => void;
}) {
  const { t, digits } = useI18n();
  const items = filter ? unitsBehind(units, filter) : [];
  return (
    <Drawer
      open={filter !== null}
      onClose={onClose}
      title={title}
      width={520}
      data-testid="rollout-units-behind"
    >
      {items.length === 0 ? (
        <Empty description={t('rollout.drillDown.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          rowKey={(u) => u.code}
          renderItem={(u) => (
            <List.Item data-testid="rollout-unit-behind">
              <span>
                {u.nameFa} <Typography.Text type="secondary">{u.code}</Typography.Text>
              </span>
              <span>
                {t('rollout.waveN', { wave: digits(u.wave) })} <Tag>{t(`rollout.steps.${u.state}`)}</Tag>
              </span>
            </List.Item>
          )}
        />
      )}
    </Drawer>
  );
}
