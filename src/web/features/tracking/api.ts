import { useMutation } from '@tanstack/react-query';
import { apiRequest, queryString } from '../../api/client.js';
import type {
  TrackingCodeRequest,
  TrackingCodeSent,
  TrackingQuery,
  TrackingStatus,
} from '../../../domain/cases/tracking.schema.js';

/** POST /api/public/tracking/code — sends the complainant's one-time code; answers where it went (`***1234`). */
export function useTrackingCodeRequest() {
  return useMutation({
    mutationFn: (body: TrackingCodeRequest) =>
      apiRequest<TrackingCodeSent>('/api/public/tracking/code', { method: 'POST', body }),
  });
}

/**
 * GET /api/public/tracking?code=&nationalId= (or &passportNumber=)&otp= — no sign-in; a look-up is an action,
 * so a mutation.
 */
export function useTrackingLookup() {
  return useMutation({
    mutationFn: (query: TrackingQuery) =>
      apiRequest<TrackingStatus>(`/api/public/tracking${queryString({ ...query })}`),
  });
}
