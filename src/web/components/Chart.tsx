import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkPointComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the parts the figures and the rollout draw: a smaller chunk, fetched only by those pages (LazyChart).
echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  MarkPointComponent,
  TooltipComponent,
  SVGRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * A chart drawn by ECharts (offline: no map tiles or fonts fetched), in SVG so that text stays text. `onPick`
 * is told the name of the bar or point clicked (a drill-down). Loaded through `LazyChart`, never directly.
 */
export default function Chart({
  option,
  height = 320,
  label,
  onPick,
}: {
  option: ChartOption;
  height?: number;
  label: string;
  onPick?: (name: string) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return undefined;
    const chart = echarts.init(box.current, undefined, { renderer: 'svg' });
    chart.setOption(option);
    if (onPick)
      chart.on('click', (params) => {
        const name = (params as { name?: unknown }).name;
        if (typeof name === 'string') onPick(name);
      });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option, onPick]);
  return <div ref={box} role="img" aria-label={label} style={{ blockSize: height, inlineSize: '100%' }} />;
}
