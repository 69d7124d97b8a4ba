export { barChartSvg } from './bar-chart.js';
export type { BarChartSpec, BarGroup } from './bar-chart.js';
export { lineChartSvg } from './line-chart.js';
export type { LineChartSpec, LineSeries, Point } from './line-chart.js';
