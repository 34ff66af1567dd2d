import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  IntakeDecision,
  IntakeDetail,
  IntakeQueue,
  IntakeStatus,
  RegisterIntakeBody,
  RejectIntakeBody,
  ReturnIntakeBody,
} from '../../../domain/intake/intake.schema.js';
import { apiRequest, queryString } from '../../api/client.js';
import type { OrganisationList } from '../../../domain/organisations.schema.js';
import { messagesKeys } from '../messages/api.js';

/** One hook per call of the intake API. A decision refreshes the file, the queue and the file's messages. */

export interface IntakeQueueFilters {
  status?: IntakeStatus | undefined;
  stationCode?: string | undefined;
  crimeCategory?: string | undefined;
  custody?: boolean | undefined;
  /** The `next` of the page before; undefined for the first page. */
  cursor?: string | undefined;
  pageSize: number;
}

export const intakeKeys = {
  queue: (filters: IntakeQueueFilters) => ['intake', 'queue', filters] as const,
  detail: (id: string) => ['intake', 'detail', id] as const,
};

const intakePath = (id: string) => `/api/intake/${encodeURIComponent(id)}`;

/** GET /api/intake?status=&stationCode=&crimeCategory=&custody=&cursor=&pageSize= */
export function useIntakeQueue(filters: IntakeQueueFilters) {
  return useQuery({
    queryKey: intakeKeys.queue(filters),
    queryFn: ({ signal }) =>
      apiRequest<IntakeQueue>(
        `/api/intake${queryString({
          status: filters.status,
          stationCode: filters.stationCode,
          crimeCategory: filters.crimeCategory,
          custody: filters.custody ? 'true' : undefined,
          cursor: filters.cursor,
          pageSize: filters.pageSize,
        })}`,
        { signal },
      ),
    placeholderData: keepPreviousData,
    // New files arrive from the stations at any hour.
    refetchInterval: 30_000,
  });
}

/** GET /api/intake/:id */
export function useIntakeFile(id: string) {
  return useQuery(intakeFileQuery(id));
}

/** The query of one intake file, shared by `useIntakeFile` and the router (asked for while the page's code loads). */
export const intakeFileQuery = (id: string) =>
  queryOptions({
    queryKey: intakeKeys.detail(id),
    queryFn: ({ signal }) => apiRequest<IntakeDetail>(intakePath(id), { signal }),
  });

/** GET /api/intake/:id/documents/:sha256/content — a link: a download, or (`inline`) shown in the page. */
export function intakeDocumentUrl(id: string, sha256: string, inline = false): string {
  return `${intakePath(id)}/documents/${encodeURIComponent(sha256)}/content${inline ? '?disposition=inline' : ''}`;
}

function useDecision<B>(step: 'register' | 'return' | 'reject') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: B }) =>
      apiRequest<IntakeDecision>(`${intakePath(id)}/${step}`, { method: 'POST', body }),
    onSuccess: (_decision, { id }) => {
      void queryClient.invalidateQueries({ queryKey: intakeKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: ['intake', 'queue'] });
      void queryClient.invalidateQueries({ queryKey: messagesKeys.ofIntake(id) });
    },
  });
}

/** POST /api/intake/:id/register */
export const useRegisterIntake = () => useDecision<RegisterIntakeBody>('register');
/** POST /api/intake/:id/return */
export const useReturnIntake = () => useDecision<ReturnIntakeBody>('return');
/** POST /api/intake/:id/reject */
export const useRejectIntake = () => useDecision<RejectIntakeBody>('reject');

/** GET /api/organisations, kept to the prosecutor's offices (the competent office of a rejection). */
export function useProsecutorOffices() {
  return useQuery({
    queryKey: ['organisations', 'all'],
    queryFn: ({ signal }) => apiRequest<OrganisationList>('/api/organisations', { signal }),
    select: (data) => data.items.filter((o) => o.kind === 'prosecutor_office'),
    staleTime: 5 * 60_000,
  });
}
