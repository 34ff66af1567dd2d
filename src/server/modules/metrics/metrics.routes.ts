import { Gauge, Registry } from 'prom-client';
import { CUSTODY_LIMIT_SECONDS, CUSTODY_WARNING_SECONDS } from '../../../domain/cases/custody-clock.js';
import type { AppDeps } from '../../app-deps.js';
import { poolUse } from '../../db/client.js';
import type { App } from '../../platform/http/fastify-app.js';
import { processMetrics } from '../../platform/metrics.js';
import { readClockFigures, readOutboxDepth } from './metrics.repository.js';

/**
 * `GET /metrics`: the process's counters and histograms (platform/metrics.ts) and, read from the database at
 * each scrape, the outbox per peer, the legal clocks and the pool's connections, in Prometheus' text format.
 * With METRICS_TOKEN set, only a request bearing it is answered (else 404, as for an unknown path).
 */
export function registerMetricsRoutes(app: App, deps: AppDeps): void {
  const scraped = new Registry();
  const outboxDepth = new Gauge({
    name: 'casebridge_outbox_depth',
    help: 'Messages waiting in the outbox, by receiving node',
    labelNames: ['peer'] as const,
    registers: [scraped],
  });
  const outboxOldest = new Gauge({
    name: 'casebridge_outbox_oldest_seconds',
    help: 'Age of the oldest message waiting in the outbox, by receiving node',
    labelNames: ['peer'] as const,
    registers: [scraped],
  });
  const clocks = new Gauge({
    name: 'casebridge_legal_clocks',
    help: 'Legal clocks now: custodies near (alert) or past (breach) 24 h, open orders past their deadline',
    labelNames: ['clock', 'state'] as const,
    registers: [scraped],
  });
  const pool = new Gauge({
    name: 'casebridge_db_pool_connections',
    help: 'This process’s PostgreSQL connections: open (total), idle, requests waiting for one, and the most allowed',
    labelNames: ['state'] as const,
    registers: [scraped],
  });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const token = deps.config.metricsToken;
    if (token && request.headers.authorization !== `Bearer ${token}`)
      return reply.status(404).send({ error: { code: 'not_found' } });
    outboxDepth.reset();
    outboxOldest.reset();
    for (const peer of await readOutboxDepth(deps.db)) {
      outboxDepth.set({ peer: peer.peer }, peer.depth);
      outboxOldest.set({ peer: peer.peer }, peer.oldestSeconds);
    }
    const figures = await readClockFigures(deps.db, {
      limitSeconds: CUSTODY_LIMIT_SECONDS,
      warningSeconds: CUSTODY_WARNING_SECONDS,
    });
    clocks.set({ clock: 'custody', state: 'alert' }, figures.custodyAlerts);
    clocks.set({ clock: 'custody', state: 'breach' }, figures.custodyBreaches);
    clocks.set({ clock: 'order', state: 'breach' }, figures.ordersOverdue);
    const use = poolUse(deps.db);
    if (use) for (const [state, value] of Object.entries(use)) pool.set({ state }, value);
    const text = `${await processMetrics.metrics()}\n${await scraped.metrics()}`;
    return reply.header('content-type', processMetrics.contentType).send(text);
  });
}
