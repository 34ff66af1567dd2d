import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddOfficeListEntryBody,
  OfficeListEntry,
  OfficeLists,
  UpdateOfficeListEntryBody,
} from '../../../domain/intake/office-lists.schema.js';
import { apiRequest } from '../../api/client.js';

const listsPath = (orgId: string) => `/api/organisations/${encodeURIComponent(orgId)}/office-lists`;
const listsKey = (orgId: string) => ['office-lists', 'admin', orgId] as const;

/** GET /api/organisations/:id/office-lists — every entry, retired ones too (admin). */
export function useOfficeLists(orgId: string) {
  return useQuery({
    queryKey: listsKey(orgId),
    queryFn: ({ signal }) => apiRequest<OfficeLists>(listsPath(orgId), { signal }),
  });
}

/** POST or PATCH an entry of an office's lists; both refresh the lists. */
export function useOfficeListChange(orgId: string) {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: ['office-lists'] });
  const add = useMutation({
    mutationFn: (body: AddOfficeListEntryBody) =>
      apiRequest<OfficeListEntry>(listsPath(orgId), { method: 'POST', body }),
    onSuccess,
  });
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateOfficeListEntryBody }) =>
      apiRequest<OfficeListEntry>(`${listsPath(orgId)}/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess,
  });
  return { add, update };
}
