import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  closeOrderBodySchema,
  findOrdersQuerySchema,
  issueOrderBodySchema,
  orderListSchema,
  orderSchema,
  reportOrderBodySchema,
} from '../../../domain/orders/orders.schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { actingContext } from '../../platform/http/authenticate.js';
import { findOrderList } from './find-orders.usecase.js';
import { issueOrder } from './issue-order.usecase.js';
import { acknowledgeOrder, closeOrder, reportOrder } from './order-steps.usecase.js';

const orderParams = z.object({ orderId: z.uuid() });
const tags = ['orders'];

/** Judicial orders: issued on an intake file, acknowledged and reported by the station, closed by the prosecutor. */
export async function registerOrderRoutes(app: App, deps: AppDeps): Promise<void> {
  const acting = (request: FastifyRequest) => ({
    ...actingContext(deps, request),
    exchange: deps.exchange,
  });
  const onOrder = (request: FastifyRequest, orderId: string) => ({ ...acting(request), orderId });

  app.post(
    '/api/intake/:id/orders',
    {
      schema: {
        tags,
        summary:
          'Issue a judicial order on a registered intake file (Art. 34: written, explicit, with a deadline ahead)',
        params: z.object({ id: z.uuid() }),
        body: issueOrderBodySchema,
        response: { 201: orderSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await issueOrder({ ...acting(request), intakeId: request.params.id, body: request.body })),
  );
  app.get(
    '/api/orders',
    {
      schema: {
        tags,
        summary: 'The organisation\u2019s orders, overdue ones first',
        querystring: findOrdersQuerySchema,
        response: { 200: orderListSchema },
      },
    },
    async (request) => findOrderList({ ...acting(request), query: request.query }),
  );
  app.post(
    '/api/orders/:orderId/acknowledge',
    {
      schema: {
        tags,
        summary: 'Acknowledge an order (station)',
        params: orderParams,
        response: { 200: orderSchema },
      },
    },
    async (request) => acknowledgeOrder(onOrder(request, request.params.orderId)),
  );
  app.post(
    '/api/orders/:orderId/report',
    {
      schema: {
        tags,
        summary: 'Report on an order, with documents uploaded to the case (station)',
        params: orderParams,
        body: reportOrderBodySchema,
        response: { 200: orderSchema },
      },
    },
    async (request) => reportOrder({ ...onOrder(request, request.params.orderId), body: request.body }),
  );
  app.post(
    '/api/orders/:orderId/close',
    {
      schema: {
        tags,
        summary: 'Close an order, or ask the station for more (prosecutor)',
        params: orderParams,
        body: closeOrderBodySchema,
        response: { 200: orderSchema },
      },
    },
    async (request) => closeOrder({ ...onOrder(request, request.params.orderId), body: request.body }),
  );
}
