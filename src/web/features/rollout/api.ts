import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AdoptPlanRequest,
  PlanAnswer,
  PaperTransmission,
  PaperTransmissionBody,
  PaperTransmissionList,
  PlanRequest,
  RolloutDashboard,
  Speed,
} from '../../../domain/rollout/rollout.schema.js';
import type { UnitsImportResult, UnitsRefreshResult } from '../../../domain/rollout/units.schema.js';
import { apiRequest, queryString } from '../../api/client.js';

const rolloutKey = ['rollout'] as const;

/** GET /api/rollout */
export function useRollout() {
  return useQuery({
    queryKey: rolloutKey,
    queryFn: ({ signal }) => apiRequest<RolloutDashboard>('/api/rollout', { signal }),
  });
}

/** POST /api/rollout/plan */
export function usePlan() {
  return useMutation({
    mutationFn: (body: PlanRequest) => apiRequest<PlanAnswer>('/api/rollout/plan', { method: 'POST', body }),
  });
}

/** POST /api/rollout/adopt */
export function useAdoptPlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AdoptPlanRequest) =>
      apiRequest<RolloutDashboard>('/api/rollout/adopt', { method: 'POST', body }),
    onSuccess: (dashboard) => queryClient.setQueryData(rolloutKey, dashboard),
  });
}

/** PATCH /api/rollout/units/:code → 204 */
export function useSetRolloutStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { code: string; step: 'live'; at: string | null }) =>
      apiRequest<void>(`/api/rollout/units/${encodeURIComponent(input.code)}`, {
        method: 'PATCH',
        body: { step: input.step, at: input.at },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rolloutKey }),
  });
}

/** POST /api/units/import — the file's bytes, base64. */
export function useImportUnits() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (file: Blob) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000)
        binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return apiRequest<UnitsImportResult>('/api/units/import', {
        method: 'POST',
        body: { fileBase64: btoa(binary) },
      });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rolloutKey }),
  });
}

/** POST /api/units/refresh-from-files — "update from casebridge": the units on this node from their own files. */
export function useRefreshUnitsFromFiles() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest<UnitsRefreshResult>('/api/units/refresh-from-files', { method: 'POST', body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rolloutKey }),
  });
}

/** GET /api/rollout/speed — is it faster? Per Jalali month of the period, and returns before/after going live. */
export function useSpeed(period: { from: Date; to: Date }) {
  const from = period.from.toISOString();
  const to = period.to.toISOString();
  return useQuery({
    queryKey: [...rolloutKey, 'speed', from, to],
    queryFn: ({ signal }) => apiRequest<Speed>(`/api/rollout/speed${queryString({ from, to })}`, { signal }),
  });
}

/** GET /api/paper-transmissions?caseId — what was recorded as sent on paper for one case. */
export function usePaperTransmissions(caseId: string) {
  return useQuery({
    queryKey: ['paper-transmissions', caseId],
    queryFn: ({ signal }) =>
      apiRequest<PaperTransmissionList>(`/api/paper-transmissions${queryString({ caseId })}`, { signal }),
  });
}

/** POST /api/paper-transmissions */
export function useRecordPaperTransmission() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PaperTransmissionBody) =>
      apiRequest<PaperTransmission>('/api/paper-transmissions', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['paper-transmissions'] }),
  });
}
