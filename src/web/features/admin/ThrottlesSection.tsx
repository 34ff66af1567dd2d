import { App, Button, Table, Tag, Typography } from 'antd';
import type { SignInThrottle } from '../../../domain/auth.schema.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { useI18n } from '../../i18n/i18n.js';
import { useClearSignInThrottle, useSignInThrottles } from './api.js';

/** The usernames and addresses that must wait after failed sign-ins, each with a button to clear it (admin). */
export function ThrottlesSection() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const throttles = useSignInThrottles();
  const clear = useClearSignInThrottle();
  return (
    <section aria-labelledby="throttles-title">
      <Typography.Title level={4} id="throttles-title">
        {t('admin.throttles.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('admin.throttles.intro')}</Typography.Paragraph>
      {throttles.isError && <ErrorAlert error={throttles.error} />}
      {clear.isError && <ErrorAlert error={clear.error} />}
      <Table<SignInThrottle>
        rowKey={(r) => `${r.scope} ${r.key} ${r.address}`}
        size="small"
        loading={throttles.isPending}
        dataSource={throttles.data ?? []}
        locale={{ emptyText: t('admin.throttles.empty') }}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        scroll={{ x: true }}
        columns={[
          {
            key: 'scope',
            title: t('admin.throttles.scope'),
            render: (_, r) => t(`admin.throttles.scopes.${r.scope}`),
          },
          {
            key: 'username',
            title: t('admin.throttles.username'),
            render: (_, r) =>
              r.scope === 'address' ? (
                '—'
              ) : r.username ? (
                <span className="cb-ltr">{r.username}</span>
              ) : (
                <Typography.Text type="secondary">{t('admin.throttles.unknownUser')}</Typography.Text>
              ),
          },
          {
            key: 'address',
            title: t('admin.throttles.address'),
            render: (_, r) => <span className="cb-ltr">{r.address}</span>,
          },
          { key: 'failures', title: t('admin.throttles.failures'), dataIndex: 'failures' },
          {
            key: 'lastFailure',
            title: t('admin.throttles.lastFailure'),
            render: (_, r) => <JalaliTime at={r.lastFailureAt} />,
          },
          {
            key: 'blockedUntil',
            title: t('admin.throttles.blockedUntil'),
            render: (_, r) =>
              r.blockedUntil ? (
                <Tag color="orange">
                  <JalaliTime at={r.blockedUntil} />
                </Tag>
              ) : (
                '—'
              ),
          },
          {
            key: 'clear',
            title: '',
            render: (_, r) => (
              <Button
                size="small"
                loading={
                  clear.isPending && clear.variables?.address === r.address && clear.variables.key === r.key
                }
                onClick={() =>
                  clear.mutate(
                    { scope: r.scope, key: r.key, address: r.address },
                    { onSuccess: () => void message.success(t('admin.throttles.cleared')) },
                  )
                }
              >
                {t('admin.throttles.clear')}
              </Button>
            ),
          },
        ]}
      />
    </section>
  );
}
