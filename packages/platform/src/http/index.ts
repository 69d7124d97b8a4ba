export { assignRequestId, createServiceApp, REQUEST_ID_HEADER } from './service-app.js';
export type { ServiceAppOptions } from './service-app.js';
export { checkReadiness } from './readiness.js';
export type { ReadinessCheck, ReadinessReport } from './readiness.js';
export { listen } from './listen.js';
export type { Listening } from './listen.js';
