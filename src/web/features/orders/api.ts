import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CloseOrderBody,
  IssueOrderBody,
  Order,
  OrderList,
  ReportOrderBody,
} from '../../../domain/orders/orders.schema.js';
import { apiRequest, queryString } from '../../api/client.js';

/** One hook per call of the orders API. Every step refreshes the list (the station's dashboard reads it too). */

/** What a list of orders is asked for with: the query of `GET /api/orders` as the URL carries it. */
export type OrderListParams = Partial<
  Record<
    | 'state'
    | 'orderId'
    | 'caseNumber'
    | 'caseId'
    | 'intakeFileId'
    | 'counterpart'
    | 'dueFrom'
    | 'dueTo'
    | 'cursor',
    string
  >
>;

export const ordersKeys = {
  list: (params: OrderListParams) => ['orders', 'list', params] as const,
};

const orderPath = (orderId: string) => `/api/orders/${encodeURIComponent(orderId)}`;

/**
 * GET /api/orders — a page of the organisation's orders (a station's inbox, an office's issued orders),
 * filtered on the server: the orders page by its filters, a file's or a case's card by its id.
 */
export function useOrderList(params: OrderListParams = {}) {
  return useQuery({
    queryKey: ordersKeys.list(params),
    queryFn: ({ signal }) => apiRequest<OrderList>(`/api/orders${queryString(params)}`, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

function useOrderStep<V>(call: (vars: V) => Promise<Order>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
      // The step sent a message on the case's thread, on whichever side this is.
      void queryClient.invalidateQueries({ queryKey: ['messages'] });
    },
  });
}

/** POST /api/intake/:id/orders — the judge issues an order on a registered file. */
export const useIssueOrder = () =>
  useOrderStep(({ intakeId, body }: { intakeId: string; body: IssueOrderBody }) =>
    apiRequest<Order>(`/api/intake/${encodeURIComponent(intakeId)}/orders`, { method: 'POST', body }),
  );

/** POST /api/orders/:orderId/acknowledge */
export const useAcknowledgeOrder = () =>
  useOrderStep((orderId: string) =>
    apiRequest<Order>(`${orderPath(orderId)}/acknowledge`, { method: 'POST' }),
  );

/** POST /api/orders/:orderId/report */
export const useReportOrder = () =>
  useOrderStep(({ orderId, body }: { orderId: string; body: ReportOrderBody }) =>
    apiRequest<Order>(`${orderPath(orderId)}/report`, { method: 'POST', body }),
  );

/** POST /api/orders/:orderId/close — closed, or more asked of the station. */
export const useCloseOrder = () =>
  useOrderStep(({ orderId, body }: { orderId: string; body: CloseOrderBody }) =>
    apiRequest<Order>(`${orderPath(orderId)}/close`, { method: 'POST', body }),
  );
