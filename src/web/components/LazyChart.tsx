import { Spin } from 'antd';
import { lazy, Suspense, type ComponentProps } from 'react';
import { useI18n } from '../i18n/i18n.js';

// ECharts comes in its own chunk, fetched the first time a page draws a chart: the sign-in page never loads it.
const Chart = lazy(() => import('./Chart.js'));

/** A chart, loaded on first use (the figures and the rollout pages). */
export function LazyChart(props: ComponentProps<typeof Chart>) {
  const { t } = useI18n();
  return (
    <Suspense fallback={<Spin aria-label={t('common.loading')} />}>
      <Chart {...props} />
    </Suspense>
  );
}
