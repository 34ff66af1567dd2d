import { z } from 'zod';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';

const item = z.object({ code: z.string(), nameFa: z.string(), nameEn: z.string() });
const county = item.extend({ provinceCode: z.string() });

/** Reference data: provinces, counties, crime categories (public to signed-in and anonymous users alike). */
export async function registerReferenceRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/api/reference/provinces',
    { schema: { tags: ['reference'], summary: 'Iran\u2019s provinces', response: { 200: z.array(item) } } },
    async () =>
      (await deps.db.selectFrom('provinces').selectAll().orderBy('code').execute()).map((r) => ({
        code: r.code,
        nameFa: r.name_fa,
        nameEn: r.name_en,
      })),
  );
  app.get(
    '/api/reference/counties',
    { schema: { tags: ['reference'], summary: 'Counties', response: { 200: z.array(county) } } },
    async () =>
      (await deps.db.selectFrom('counties').selectAll().orderBy('code').execute()).map((r) => ({
        code: r.code,
        provinceCode: r.province_code,
        nameFa: r.name_fa,
        nameEn: r.name_en,
      })),
  );
  app.get(
    '/api/reference/crime-categories',
    { schema: { tags: ['reference'], summary: 'Crime categories', response: { 200: z.array(item) } } },
    async () =>
      (await deps.db.selectFrom('crime_categories').selectAll().orderBy('sort_order').execute()).map((r) => ({
        code: r.code,
        nameFa: r.name_fa,
        nameEn: r.name_en,
      })),
  );
}
