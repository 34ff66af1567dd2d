import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, queryString } from '../../api/client.js';
import { uploadFile } from '../../api/upload.js';
import type {
  CaseDetail,
  CaseList,
  OpenCaseBody,
  Timeline,
  UpdateCaseBody,
} from '../../../domain/cases/case.schema.js';
import type { Custody, EndCustodyBody } from '../../../domain/cases/custody.schema.js';
import type { AddPartyBody, Party, UpdatePartyBody } from '../../../domain/cases/party.schema.js';
import type { CaseDocument, DocumentKind } from '../../../domain/documents/documents.schema.js';

/** One hook per call of the cases API. Mutations refresh the case (and the list) they change. */

export const casesKeys = {
  all: ['cases'] as const,
  list: (params: CaseListParams) => ['cases', 'list', params] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  timeline: (id: string) => ['cases', 'timeline', id] as const,
};

export interface CaseListParams {
  q: string;
  /** The list's filters (`case-list-filters.ts`); left out, all the station's cases. */
  queue?: string | undefined;
  status?: string | undefined;
  crimeCategory?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  officer?: string | undefined;
  sort?: string | undefined;
  /** The `next` of the page before; undefined for the first page. */
  cursor?: string | undefined;
  pageSize: number;
}

const casePath = (id: string) => `/api/cases/${encodeURIComponent(id)}`;

/** GET /api/cases?q=&cursor=&pageSize= — the previous request is cancelled when the params change (its signal). */
export function useCaseList(params: CaseListParams, options: { refetchInterval?: number } = {}) {
  return useQuery({
    ...options,
    queryKey: casesKeys.list(params),
    queryFn: ({ signal }) =>
      apiRequest<CaseList>(`/api/cases${queryString({ ...params })}`, {
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/cases/:id */
export function useCase(id: string) {
  return useQuery(caseQuery(id));
}

/** The query of one case, shared by `useCase` and the router, which asks for it while the page's code loads. */
export const caseQuery = (id: string) =>
  queryOptions({
    queryKey: casesKeys.detail(id),
    queryFn: ({ signal }) => apiRequest<CaseDetail>(casePath(id), { signal }),
  });

/** GET /api/cases/:id/timeline */
export function useCaseTimeline(id: string) {
  return useQuery({
    queryKey: casesKeys.timeline(id),
    queryFn: ({ signal }) => apiRequest<Timeline>(`${casePath(id)}/timeline`, { signal }),
  });
}

/**
 * A change to a case. It resolves once the case is read again, so that the next change is made on the version
 * the server now has (`If-Match`) — a change refused as made on an older version refreshes the case too.
 */
function useCaseMutation<V, R>(caseIdOf: (v: V) => string, call: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  const refresh = async (id: string) => {
    void queryClient.invalidateQueries({ queryKey: casesKeys.timeline(id) });
    void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
    await queryClient.invalidateQueries({ queryKey: casesKeys.detail(id) });
  };
  return useMutation({
    mutationFn: call,
    onSuccess: (_result, variables) => refresh(caseIdOf(variables)),
  });
}

/** The version of a case a change is made on: the `updatedAt` the screen shows. */
export interface OnVersion {
  version?: string | undefined;
}

/** POST /api/cases → 201 CaseDetail */
export function useCreateCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OpenCaseBody) => apiRequest<CaseDetail>('/api/cases', { method: 'POST', body }),
    onSuccess: (created) => {
      queryClient.setQueryData(casesKeys.detail(created.id), created);
      void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
    },
  });
}

/** PATCH /api/cases/:id */
export function useUpdateCase() {
  return useCaseMutation(
    (v: { caseId: string; fields: UpdateCaseBody } & OnVersion) => v.caseId,
    ({ caseId, fields, version }) =>
      apiRequest<CaseDetail>(casePath(caseId), { method: 'PATCH', body: fields, version }),
  );
}

/** POST /api/cases/:id/parties */
export function useAddParty() {
  return useCaseMutation(
    (v: { caseId: string; party: AddPartyBody } & OnVersion) => v.caseId,
    ({ caseId, party, version }) =>
      apiRequest<Party>(`${casePath(caseId)}/parties`, { method: 'POST', body: party, version }),
  );
}

/** PATCH /api/cases/:id/parties/:partyId */
export function useUpdateParty() {
  return useCaseMutation(
    (v: { caseId: string; partyId: string; party: UpdatePartyBody } & OnVersion) => v.caseId,
    ({ caseId, partyId, party, version }) =>
      apiRequest<Party>(`${casePath(caseId)}/parties/${encodeURIComponent(partyId)}`, {
        method: 'PATCH',
        body: party,
        version,
      }),
  );
}

/** DELETE /api/cases/:id/parties/:partyId */
export function useDeleteParty() {
  return useCaseMutation(
    (v: { caseId: string; partyId: string } & OnVersion) => v.caseId,
    ({ caseId, partyId, version }) =>
      apiRequest<void>(`${casePath(caseId)}/parties/${encodeURIComponent(partyId)}`, {
        method: 'DELETE',
        version,
      }),
  );
}

/** POST /api/cases/:id/custody */
export function useStartCustody() {
  return useCaseMutation(
    (v: { caseId: string; partyId: string; startedAt: string }) => v.caseId,
    ({ caseId, partyId, startedAt }) =>
      apiRequest<Custody>(`${casePath(caseId)}/custody`, { method: 'POST', body: { partyId, startedAt } }),
  );
}

/** POST /api/cases/:id/custody/:custodyId/end */
export function useEndCustody() {
  return useCaseMutation(
    (v: { caseId: string; custodyId: string; body: EndCustodyBody }) => v.caseId,
    ({ caseId, custodyId, body }) =>
      apiRequest<Custody>(`${casePath(caseId)}/custody/${encodeURIComponent(custodyId)}/end`, {
        method: 'POST',
        body,
      }),
  );
}

export interface UploadDocumentVars {
  caseId: string;
  kind: string;
  file: File;
  onProgress?: (fraction: number) => void;
}

/** POST /api/cases/:id/documents (multipart: `kind`, then `file`), with upload progress. */
export function uploadCaseDocument({
  caseId,
  kind,
  file,
  onProgress,
}: UploadDocumentVars): Promise<CaseDocument> {
  return uploadFile<CaseDocument>({
    url: `${casePath(caseId)}/documents`,
    fields: { kind },
    file,
    ...(onProgress ? { onProgress } : {}),
  });
}

/** The hook form of `uploadCaseDocument`, refreshing the case when a document lands. */
export function useUploadDocument() {
  return useCaseMutation((v: UploadDocumentVars) => v.caseId, uploadCaseDocument);
}

const documentPath = (caseId: string, documentId: string) =>
  `${casePath(caseId)}/documents/${encodeURIComponent(documentId)}`;

/** GET /api/cases/:id/documents/:documentId/content — a link, opened by the browser; `inline` shows it in the page. */
export function documentContentUrl(caseId: string, documentId: string, inline = false): string {
  return `${documentPath(caseId, documentId)}/content${inline ? '?disposition=inline' : ''}`;
}

/** PATCH /api/cases/:id/documents/:documentId — re-classify a document of a draft. */
export function useClassifyDocument() {
  return useCaseMutation(
    (v: { caseId: string; documentId: string; kind: DocumentKind } & OnVersion) => v.caseId,
    ({ caseId, documentId, kind, version }) =>
      apiRequest<CaseDocument>(documentPath(caseId, documentId), {
        method: 'PATCH',
        body: { kind },
        version,
      }),
  );
}

/** DELETE /api/cases/:id/documents/:documentId — take a document out of a draft. */
export function useRemoveDocument() {
  return useCaseMutation(
    (v: { caseId: string; documentId: string } & OnVersion) => v.caseId,
    ({ caseId, documentId, version }) =>
      apiRequest<void>(documentPath(caseId, documentId), { method: 'DELETE', version }),
  );
}
