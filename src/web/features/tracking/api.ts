import { useMutation } from '@tanstack/react-query';
import { apiRequest, queryString } from '../../api/client.js';
import type { TrackingQuery, TrackingStatus } from '../../../domain/cases/tracking.schema.js';

/**
 * GET /api/public/tracking?code=&nationalId= (or &passportNumber=) — no sign-in; a look-up is an action, so
 * a mutation.
 */
export function useTrackingLookup() {
  return useMutation({
    mutationFn: (query: TrackingQuery) =>
      apiRequest<TrackingStatus>(`/api/public/tracking${queryString({ ...query })}`),
  });
}
