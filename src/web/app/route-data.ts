import type { QueryClient } from '@tanstack/react-query';
import { caseQuery } from '../features/cases/api.js';
import { intakeFileQuery } from '../features/intake/api.js';
import { matchPath } from './router.js';

/**
 * Asks for the data a screen shows first as soon as its path is known, so that it travels while the
 * screen's code (a lazy chunk) loads instead of after it: one round trip less before the first view of a
 * case and of an incoming file. The screen's own query finds the answer in the cache; a failure is left
 * for it to show.
 */
export function prefetchRouteData(
  client: QueryClient,
  path: string,
  may: { station: boolean; intake: boolean },
): void {
  let params: Record<string, string> | null;
  if (may.station && (params = matchPath('/cases/:id', path)) && params.id !== 'new')
    void client.prefetchQuery(caseQuery(params.id!));
  else if (may.intake && (params = matchPath('/intake/:id', path)))
    void client.prefetchQuery(intakeFileQuery(params.id!));
}
