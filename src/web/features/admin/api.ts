import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, queryString } from '../../api/client.js';
import type { AuditLogPage, AuditVerification } from '../../../domain/audit.schema.js';
import type { ClearThrottleBody, SignInThrottleList } from '../../../domain/auth.schema.js';
import type {
  CreateOrganisationBody,
  JurisdictionRuleBody,
  Organisation,
  OrganisationList,
} from '../../../domain/organisations.schema.js';
import type { CreateUserBody, User, UserList } from '../../../domain/users.schema.js';

/** One hook per call of the administration API (admin role; the audit log also for supervisors). */

const organisationsKey = ['admin', 'organisations'] as const;

/** GET /api/organisations */
export function useOrganisations() {
  return useQuery({
    queryKey: organisationsKey,
    queryFn: async ({ signal }) =>
      (await apiRequest<OrganisationList>('/api/organisations', { signal })).items,
  });
}

/** POST /api/organisations → 201 */
export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrganisationBody) =>
      apiRequest<Organisation>('/api/organisations', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationsKey }),
  });
}

/** PUT /api/jurisdiction → 204 */
export function useSetJurisdiction() {
  return useMutation({
    mutationFn: (body: JurisdictionRuleBody) =>
      apiRequest<void>('/api/jurisdiction', { method: 'PUT', body }),
  });
}

/** GET /api/users?orgId= */
export function useUsers(orgId: string | undefined) {
  return useQuery({
    queryKey: ['admin', 'users', orgId ?? 'all'],
    queryFn: async ({ signal }) =>
      (await apiRequest<UserList>(`/api/users${queryString({ orgId })}`, { signal })).items,
    placeholderData: keepPreviousData,
  });
}

/** POST /api/users → 201 */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => apiRequest<User>('/api/users', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'users'] }),
  });
}

/** GET /api/audit?page=&pageSize= (newest first) */
export function useAuditLog(page: number, pageSize: number) {
  return useQuery({
    queryKey: ['admin', 'audit', page, pageSize],
    queryFn: ({ signal }) =>
      apiRequest<AuditLogPage>(`/api/audit${queryString({ page, pageSize })}`, {
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** POST /api/audit/verify — walks the whole hash chain (and the check itself joins the log). */
export function useVerifyAudit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<AuditVerification>('/api/audit/verify', { method: 'POST' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['admin', 'audit'] }),
  });
}

/** DELETE /api/users/:id/totp → 204: the user's second factor and recovery codes are removed. */
export function useResetTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => apiRequest<void>(`/api/users/${userId}/totp`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'users'] }),
  });
}

const throttlesKey = ['admin', 'throttles'] as const;

/** GET /api/auth/throttles — usernames and addresses with recent failed sign-ins. */
export function useSignInThrottles() {
  return useQuery({
    queryKey: throttlesKey,
    queryFn: async ({ signal }) =>
      (await apiRequest<SignInThrottleList>('/api/auth/throttles', { signal })).items,
  });
}

/** POST /api/auth/throttles/clear → 204 */
export function useClearSignInThrottle() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClearThrottleBody) =>
      apiRequest<void>('/api/auth/throttles/clear', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: throttlesKey }),
  });
}
