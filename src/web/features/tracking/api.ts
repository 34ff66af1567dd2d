import { useMutation } from '@tanstack/react-query';
import { apiRequest, queryString } from '../../api/client.js';
import type { TrackingStatus } from '../../api/types.js';

export interface TrackingQuery {
  /** As printed (`K7M-4QX-9TR`), Latin digits. */
  code: string;
  /** Latin digits. */
  nationalId: string;
}

/** GET /api/public/tracking?code=&nationalId= — no sign-in; a look-up is an action, so a mutation. */
export function useTrackingLookup() {
  return useMutation({
    mutationFn: (query: TrackingQuery) =>
      apiRequest<TrackingStatus>(`/api/public/tracking${queryString({ ...query })}`),
  });
}
