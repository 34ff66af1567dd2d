import { z } from 'zod';
import { countySchema, referenceItemSchema } from '../../../domain/reference.schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { listCounties, listCrimeCategories, listProvinces } from './reference.repository.js';

/** Reference data: provinces, counties, crime categories (public to signed-in and anonymous users alike). */
export async function registerReferenceRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/api/reference/provinces',
    {
      schema: {
        tags: ['reference'],
        summary: 'Iran\u2019s provinces',
        response: { 200: z.array(referenceItemSchema) },
      },
    },
    async () =>
      (await listProvinces(deps.db)).map((r) => ({
        code: r.code,
        nameFa: r.name_fa,
        nameEn: r.name_en,
      })),
  );
  app.get(
    '/api/reference/counties',
    { schema: { tags: ['reference'], summary: 'Counties', response: { 200: z.array(countySchema) } } },
    async () =>
      (await listCounties(deps.db)).map((r) => ({
        code: r.code,
        provinceCode: r.province_code,
        nameFa: r.name_fa,
        nameEn: r.name_en,
      })),
  );
  app.get(
    '/api/reference/crime-categories',
    {
      schema: {
        tags: ['reference'],
        summary: 'Crime categories',
        response: { 200: z.array(referenceItemSchema) },
      },
    },
    async () =>
      (await listCrimeCategories(deps.db)).map((r) => ({
        code: r.code,
        nameFa: r.name_fa,
        nameEn: r.name_en,
      })),
  );
}
