export type { DemoOptions, DemoSummary } from './fill-demo-history.js';
export { fillDemoHistory } from './fill-demo-history.js';
