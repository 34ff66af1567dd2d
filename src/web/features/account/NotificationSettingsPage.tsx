import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationSettings } from '../../../domain/notifications.schema.js';
import { ApiError, apiRequest, errorMessageKey } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/i18n.js';

const settingsKey = ['notifications', 'settings'] as const;
type Answer = { phone: string | null; channels: NotificationSettings['channels'] };

/** The signed-in user's profile for notifications: their mobile number and whether alerts also go by SMS. */
export function NotificationSettingsPage() {
  const { t, digits } = useI18n();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => apiRequest<Answer>('/api/notifications/settings', { signal }),
  });
  const save = useMutation({
    mutationFn: (body: { phone: string | null; channels: NotificationSettings['channels'] }) =>
      apiRequest<Answer>('/api/notifications/settings', { method: 'PUT', body }),
    onSuccess: (answer) => queryClient.setQueryData(settingsKey, answer),
  });
  const [phone, setPhone] = useState('');
  const [sms, setSms] = useState(false);
  useEffect(() => {
    if (!settings.data) return;
    setPhone(settings.data.phone ? digits(settings.data.phone) : '');
    setSms(settings.data.channels.includes('sms'));
  }, [settings.data, digits]);
  if (settings.error) return <ErrorAlert error={settings.error} />;
  const issue = (field: string) => {
    const found = save.error instanceof ApiError && save.error.issues.find((i) => i.path.endsWith(field));
    return found ? t(`errors.${found.code}`) : undefined;
  };
  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%', maxInlineSize: 520 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('notifications.settings.title')}
      </Typography.Title>
      <Card loading={!settings.data}>
        <Form
          layout="vertical"
          onFinish={() =>
            save.mutate({ phone: phone.trim() || null, channels: sms ? ['in_app', 'sms'] : ['in_app'] })
          }
        >
          <Form.Item
            label={t('notifications.settings.phone')}
            htmlFor="notify-phone"
            validateStatus={issue('phone') ? 'error' : undefined}
            help={issue('phone')}
          >
            <Input
              id="notify-phone"
              inputMode="tel"
              dir="ltr"
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
            />
          </Form.Item>
          <Form.Item validateStatus={issue('channels') ? 'error' : undefined} help={issue('channels')}>
            <Checkbox checked={sms} onChange={(e) => setSms(e.target.checked)}>
              {t('notifications.settings.sms')}
            </Checkbox>
          </Form.Item>
          {save.isError && !issue('phone') && !issue('channels') && (
            <Alert type="error" message={t(errorMessageKey(save.error))} />
          )}
          {save.isSuccess && <Alert type="success" message={t('notifications.settings.saved')} />}
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('notifications.settings.save')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
