export type { DemoOptions, DemoSummary } from './fill-demo-history.js';
export { fillDemoHistory } from './fill-demo-history.js';
export type { LiveCrewsOptions } from './run-live-crews.js';
export { runLiveCrews } from './run-live-crews.js';
