import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationList } from '../../../domain/notifications.schema.js';
import { apiRequest } from '../../api/client.js';

export const notificationsKey = ['notifications'] as const;

/** GET /api/notifications — the signed-in user's notifications, newest first, and the unread count. */
export function useNotifications() {
  return useQuery({
    queryKey: notificationsKey,
    queryFn: ({ signal }) => apiRequest<NotificationList>('/api/notifications', { signal }),
  });
}

/** POST /api/notifications/read — marks the named notifications read, or all of them. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) =>
      apiRequest<{ marked: number }>('/api/notifications/read', {
        method: 'POST',
        body: ids ? { ids } : {},
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}

/**
 * Listens to GET /api/notifications/stream (server-sent events) while mounted: each notification that
 * arrives refreshes the centre and the clocks shown. No polling: the browser's EventSource reconnects by
 * itself and resumes after the last event's id (`Last-Event-ID`).
 */
export function useNotificationStream(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/notifications/stream', { withCredentials: true });
    const refresh = () => {
      void queryClient.invalidateQueries({ queryKey: notificationsKey });
      void queryClient.invalidateQueries({ queryKey: ['clocks'] });
    };
    source.addEventListener('notification', refresh);
    return () => {
      source.removeEventListener('notification', refresh);
      source.close();
    };
  }, [queryClient]);
}
