import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CaseDocument } from '../../../domain/documents/documents.schema.js';
import type {
  ReturnToOfficerBody,
  Submission,
  SubmissionStep,
  SupplementBodyInput,
  SupplementResult,
} from '../../../domain/submission/submission.schema.js';
import { apiRequest } from '../../api/client.js';
import { uploadFile } from '../../api/upload.js';
import { casesKeys } from '../cases/api.js';
import { messagesKeys } from '../messages/api.js';

/** One hook per call of the sending API. Every step refreshes the case, its sending and its messages. */

export const submissionKeys = {
  detail: (caseId: string) => ['submission', caseId] as const,
};

const casePath = (id: string) => `/api/cases/${encodeURIComponent(id)}`;

/** GET /api/cases/:id/submission — polled while the message waits in the outbox. */
export function useSubmission(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: submissionKeys.detail(caseId),
    queryFn: ({ signal }) => apiRequest<Submission>(`${casePath(caseId)}/submission`, { signal }),
    enabled,
    refetchInterval: (query) => (query.state.data?.status === 'queued' ? 10_000 : false),
  });
}

function useRefreshCase() {
  const queryClient = useQueryClient();
  return (caseId: string) => {
    void queryClient.invalidateQueries({ queryKey: casesKeys.detail(caseId) });
    void queryClient.invalidateQueries({ queryKey: casesKeys.timeline(caseId) });
    void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
    void queryClient.invalidateQueries({ queryKey: submissionKeys.detail(caseId) });
    void queryClient.invalidateQueries({ queryKey: messagesKeys.ofCase(caseId) });
  };
}

function useSubmissionStep(step: 'prepare' | 'approve') {
  const refresh = useRefreshCase();
  return useMutation({
    mutationFn: (caseId: string) =>
      apiRequest<SubmissionStep>(`${casePath(caseId)}/submission/${step}`, { method: 'POST' }),
    onSuccess: (_step, caseId) => refresh(caseId),
  });
}

/** POST /api/cases/:id/submission/prepare — the officer puts a ready draft forward for approval. */
export const usePrepareSubmission = () => useSubmissionStep('prepare');
/** POST /api/cases/:id/submission/approve — the chief approves and sends. */
export const useApproveSubmission = () => useSubmissionStep('approve');

/** POST /api/cases/:id/submission/return — the chief sends the prepared case back to its officer with a comment. */
export function useReturnToOfficer() {
  const refresh = useRefreshCase();
  return useMutation({
    mutationFn: (input: { caseId: string; body: ReturnToOfficerBody }) =>
      apiRequest<SubmissionStep>(`${casePath(input.caseId)}/submission/return`, {
        method: 'POST',
        body: input.body,
      }),
    onSuccess: (_step, input) => refresh(input.caseId),
  });
}

/** POST /api/cases/:id/supplements */
export function useSupplement() {
  const refresh = useRefreshCase();
  return useMutation({
    mutationFn: ({ caseId, body }: { caseId: string; body: SupplementBodyInput }) =>
      apiRequest<SupplementResult>(`${casePath(caseId)}/supplements`, { method: 'POST', body }),
    onSuccess: (_result, { caseId }) => refresh(caseId),
  });
}

export interface SupplementUploadVars {
  caseId: string;
  kind: string;
  file: File;
  onProgress?: (fraction: number) => void;
}

/**
 * POST /api/cases/:id/supplements/documents (multipart: `kind`, then `file`): a document for a sent
 * case, to go with a supplement or an order's report (referred to by its id afterwards).
 */
export function uploadSupplementDocument({
  caseId,
  kind,
  file,
  onProgress,
}: SupplementUploadVars): Promise<CaseDocument> {
  return uploadFile<CaseDocument>({
    url: `${casePath(caseId)}/supplements/documents`,
    fields: { kind },
    file,
    ...(onProgress ? { onProgress } : {}),
  });
}
