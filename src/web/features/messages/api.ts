import { useQuery } from '@tanstack/react-query';
import type { CaseMessageList } from '../../../domain/messages/case-messages.schema.js';
import { apiRequest } from '../../api/client.js';

export const messagesKeys = {
  ofCase: (caseId: string) => ['messages', 'case', caseId] as const,
  ofIntake: (intakeId: string) => ['messages', 'intake', intakeId] as const,
};

/** Re-read while something waits in the outbox, so that delivery shows without a reload. */
const pollWhileQueued = (data: CaseMessageList | undefined) =>
  data?.items.some((m) => m.status === 'queued') ? 15_000 : false;

/** GET /api/cases/:id/messages — the station's side of a case's exchange. */
export function useCaseMessages(caseId: string) {
  return useQuery({
    queryKey: messagesKeys.ofCase(caseId),
    queryFn: ({ signal }) =>
      apiRequest<CaseMessageList>(`/api/cases/${encodeURIComponent(caseId)}/messages`, { signal }),
    refetchInterval: (query) => pollWhileQueued(query.state.data),
  });
}

/** GET /api/intake/:id/messages — the office's side of an intake file's exchange. */
export function useIntakeMessages(intakeId: string) {
  return useQuery({
    queryKey: messagesKeys.ofIntake(intakeId),
    queryFn: ({ signal }) =>
      apiRequest<CaseMessageList>(`/api/intake/${encodeURIComponent(intakeId)}/messages`, { signal }),
    refetchInterval: (query) => pollWhileQueued(query.state.data),
  });
}
