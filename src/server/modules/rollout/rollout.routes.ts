import {
  adoptPlanRequestSchema,
  planRequestSchema,
  planSchema,
  rolloutDashboardSchema,
  rolloutUnitParamsSchema,
  rolloutUnitUpdateSchema,
  rolloutWaveParamsSchema,
  rolloutWaveUpdateSchema,
  unitsImportRequestSchema,
  paperTransmissionBodySchema,
  paperTransmissionSchema,
  paperTransmissionListSchema,
  paperTransmissionsQuerySchema,
  speedQuerySchema,
  speedSchema,
} from '../../../domain/rollout/rollout.schema.js';
import { unitsImportResultSchema, unitsRefreshResultSchema } from '../../../domain/rollout/units.schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { clientIp, requireActor } from '../../platform/http/authenticate.js';
import {
  adoptPlan,
  getRolloutDashboard,
  planFromRegister,
  setRolloutStep,
  setWaveDue,
} from './rollout.usecase.js';
import { importUnits, refreshUnitsFromOwnFiles } from './units.usecase.js';
import { getSpeed, listPaperTransmissions, recordPaperTransmission } from './speed.usecase.js';

/** The national register of units and the rollout: import, plan, adopt, track (issue 21). */
export async function registerRolloutRoutes(app: App, deps: AppDeps): Promise<void> {
  const actingOn = (request: Parameters<typeof requireActor>[0]) => ({
    db: deps.db,
    clock: deps.clock,
    actor: requireActor(request),
    ip: clientIp(request),
  });
  app.post(
    '/api/units/import',
    {
      schema: {
        tags: ['rollout'],
        summary:
          'Import the national register of units from CSV (all or nothing; a re-import updates by code)',
        body: unitsImportRequestSchema,
        response: { 200: unitsImportResultSchema },
      },
    },
    async (request) =>
      importUnits({ ...actingOn(request), bytes: Buffer.from(request.body.fileBase64, 'base64') }),
  );
  app.post(
    '/api/units/refresh-from-files',
    {
      schema: {
        tags: ['rollout'],
        summary:
          'Update from casebridge: the yearly figures of the units on this node from their own case files of the last 365 days',
        response: { 200: unitsRefreshResultSchema },
      },
    },
    async (request) => refreshUnitsFromOwnFiles({ ...actingOn(request), nodeId: deps.config.nodeId }),
  );
  app.post(
    '/api/rollout/plan',
    {
      schema: {
        tags: ['rollout'],
        summary: 'The smallest set of units reaching a target share of thefts (and/or visits), in waves',
        body: planRequestSchema,
        response: { 200: planSchema },
      },
    },
    async (request) =>
      planFromRegister({ ...actingOn(request), nodeId: deps.config.nodeId, request: request.body }),
  );
  app.post(
    '/api/rollout/adopt',
    {
      schema: {
        tags: ['rollout'],
        summary: 'Make a plan the rollout’s: its units into their waves, with due dates',
        body: adoptPlanRequestSchema,
        response: { 200: rolloutDashboardSchema },
      },
    },
    async (request) => adoptPlan({ ...actingOn(request), nodeId: deps.config.nodeId, request: request.body }),
  );
  app.get(
    '/api/rollout',
    {
      schema: {
        tags: ['rollout'],
        summary: 'The rollout: every unit’s step, per wave and per province, late waves marked',
        response: { 200: rolloutDashboardSchema },
      },
    },
    async (request) => getRolloutDashboard(actingOn(request)),
  );
  app.patch(
    '/api/rollout/units/:code',
    {
      schema: {
        tags: ['rollout'],
        summary: 'Set or clear a step of a unit by hand (going live, or a step the data cannot show)',
        params: rolloutUnitParamsSchema,
        body: rolloutUnitUpdateSchema,
      },
    },
    async (request, reply) => {
      await setRolloutStep({ ...actingOn(request), code: request.params.code, ...request.body });
      return reply.status(204).send();
    },
  );
  app.patch(
    '/api/rollout/waves/:wave',
    {
      schema: {
        tags: ['rollout'],
        summary: 'Set or clear a wave’s due date',
        params: rolloutWaveParamsSchema,
        body: rolloutWaveUpdateSchema,
      },
    },
    async (request, reply) => {
      await setWaveDue({ ...actingOn(request), wave: request.params.wave, dueAt: request.body.dueAt });
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/paper-transmissions',
    {
      schema: {
        tags: ['rollout'],
        summary: 'A station records files it sent to its prosecutor’s office on paper',
        body: paperTransmissionBodySchema,
        response: { 201: paperTransmissionSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordPaperTransmission({ ...actingOn(request), body: request.body })),
  );
  app.get(
    '/api/paper-transmissions',
    {
      schema: {
        tags: ['rollout'],
        summary: 'What a station recorded as sent on paper for one of its cases',
        querystring: paperTransmissionsQuerySchema,
        response: { 200: paperTransmissionListSchema },
      },
    },
    async (request) => listPaperTransmissions({ ...actingOn(request), caseId: request.query.caseId }),
  );
  app.get(
    '/api/rollout/speed',
    {
      schema: {
        tags: ['rollout'],
        summary:
          'Is it faster? Per Jalali month: opening to receipt and to registration, paper against electronic',
        querystring: speedQuerySchema,
        response: { 200: speedSchema },
      },
    },
    async (request) => getSpeed({ ...actingOn(request), query: request.query }),
  );
}
