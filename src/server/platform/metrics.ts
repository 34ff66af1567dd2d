import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus instruments (`GET /metrics`, docs/decisions/0020). One registry per process, like
 * the process itself that Prometheus scrapes: the counters below are bumped where things happen (the HTTP
 * hook, the delivery worker, the receiver, the blob store); the figures read from the database at each scrape
 * (outbox, legal clocks) are the metrics module's. Labels carry ids and codes only — never a person's data.
 */
export const processMetrics = new Registry();
collectDefaultMetrics({ register: processMetrics, prefix: 'casebridge_' });

export const httpRequestSeconds = new Histogram({
  name: 'casebridge_http_request_duration_seconds',
  help: 'HTTP requests by method, route pattern and status, by how long they took',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [processMetrics],
});

export const deliveriesTotal = new Counter({
  name: 'casebridge_deliveries_total',
  help: 'Delivery attempts of outbox messages by this process, by receiving node and outcome',
  labelNames: ['peer', 'outcome'] as const,
  registers: [processMetrics],
});

export const refusalsTotal = new Counter({
  name: 'casebridge_refusals_total',
  help: 'Inbound messages refused by this process, by reason',
  labelNames: ['reason'] as const,
  registers: [processMetrics],
});

export const blobStoreErrorsTotal = new Counter({
  name: 'casebridge_blob_store_errors_total',
  help: 'Failed calls to the document store (not counting a content that is not there), by operation',
  labelNames: ['operation'] as const,
  registers: [processMetrics],
});
