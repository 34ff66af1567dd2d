import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, queryString } from '../../api/client.js';
import type { AuditLogPage, AuditVerification } from '../../../domain/audit.schema.js';
import type { ClearThrottleBody, SignInThrottleList } from '../../../domain/auth.schema.js';
import type {
  CreateOrganisationBody,
  JurisdictionRuleBody,
  Organisation,
  OrganisationList,
  UpdateOrganisationBody,
} from '../../../domain/organisations.schema.js';
import type { CreateUserBody, OneTimePassword, User, UserList } from '../../../domain/users.schema.js';
import type { AuditLogFilter } from '../../../domain/audit.schema.js';
import type { Role } from '../../../domain/roles.js';

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
export function useUsers(orgId: string | undefined, enabled = true) {
  return useQuery({
    enabled,
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

/** The audit log's filters as a query string (the same for the page and the CSV export). */
export function auditQuery(filter: AuditLogFilter, extra: Record<string, number> = {}): string {
  return queryString({ ...filter, ...extra });
}

/** GET /api/audit?…filters&page=&pageSize= (newest first) */
export function useAuditLog(filter: AuditLogFilter, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['admin', 'audit', filter, page, pageSize],
    queryFn: ({ signal }) =>
      apiRequest<AuditLogPage>(`/api/audit${auditQuery(filter, { page, pageSize })}`, { signal }),
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

const invalidateUsers = (queryClient: ReturnType<typeof useQueryClient>) =>
  queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });

/** POST /api/users/:id/{disable|enable|unlock} → the user */
export function useUserStep(step: 'disable' | 'enable' | 'unlock') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => apiRequest<User>(`/api/users/${userId}/${step}`, { method: 'POST' }),
    onSuccess: () => invalidateUsers(queryClient),
  });
}

/** POST /api/users/:id/password-reset → the one-time password, shown once */
export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      apiRequest<OneTimePassword>(`/api/users/${userId}/password-reset`, { method: 'POST' }),
    onSuccess: () => invalidateUsers(queryClient),
  });
}

/** PUT /api/users/:id/role → the user */
export function useChangeRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      apiRequest<User>(`/api/users/${userId}/role`, { method: 'PUT', body: { role } }),
    onSuccess: () => invalidateUsers(queryClient),
  });
}

/** PATCH /api/organisations/:id → the organisation */
export function useUpdateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateOrganisationBody }) =>
      apiRequest<Organisation>(`/api/organisations/${id}`, { method: 'PATCH', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationsKey }),
  });
}
