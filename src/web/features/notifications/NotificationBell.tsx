import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { href } from '../../app/router.js';
import { useMarkRead, useNotifications, useNotificationStream } from './api.js';
import { notificationText } from './notification-text.js';

/** A bell (drawn, so that no word of another language shows). */
function BellIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
      <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
    </svg>
  );
}

/** The header's notification centre: the unread count, the newest notifications, mark read; live over SSE. */
export function NotificationBell() {
  const { t, digits } = useI18n();
  useNotificationStream();
  const list = useNotifications();
  const markRead = useMarkRead();
  const unread = list.data?.unread ?? 0;
  const content = (
    <div style={{ inlineSize: 360, maxBlockSize: 420, overflowY: 'auto' }} data-testid="notification-list">
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.data && list.data.items.length === 0 ? (
        <Empty description={t('notifications.empty')} />
      ) : (
        <List
          size="small"
          dataSource={list.data?.items ?? []}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              actions={
                n.readAt
                  ? []
                  : [
                      <Button key="read" size="small" type="link" onClick={() => markRead.mutate([n.id])}>
                        {t('notifications.markRead')}
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                title={
                  n.caseId ? (
                    <a href={href(`/cases/${n.caseId}`)} style={{ fontWeight: n.readAt ? 400 : 700 }}>
                      {notificationText({ t, digits }, n)}
                    </a>
                  ) : (
                    <span style={{ fontWeight: n.readAt ? 400 : 700 }}>
                      {notificationText({ t, digits }, n)}
                    </span>
                  )
                }
                description={<JalaliTime at={n.createdAt} />}
              />
            </List.Item>
          )}
        />
      )}
      <a href={href('/account/notifications')}>{t('notifications.settings.link')}</a>
    </div>
  );
  return (
    <Popover
      trigger="click"
      placement="bottom"
      title={
        <span style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
          <Typography.Text strong>{t('notifications.title')}</Typography.Text>
          {unread > 0 && (
            <Button
              size="small"
              type="link"
              loading={markRead.isPending}
              onClick={() => markRead.mutate(undefined)}
            >
              {t('notifications.markAllRead')}
            </Button>
          )}
        </span>
      }
      content={content}
    >
      <Button
        size="small"
        type="text"
        aria-label={t('notifications.bell', { count: unread })}
        data-testid="notification-bell"
      >
        <Badge count={unread > 0 ? digits(unread > 99 ? '99+' : unread) : 0} size="small">
          <BellIcon />
        </Badge>
      </Button>
    </Popover>
  );
}
