import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { ApiError, errorMessageKey } from '../../api/client.js';
import { LanguageSwitch } from '../../app/LanguageSwitch.js';
import { useI18n } from '../../i18n/i18n.js';
import { useLogin, type Credentials } from './api.js';

/** Username and password; explains refusals (wrong password, locked account, too many tries) in the UI language. */
export function SignInPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<Credentials>();
  const login = useLogin();
  const error = login.error;
  const locked = error instanceof ApiError && error.code === 'auth.locked';

  return (
    <div className="cb-page" style={{ maxInlineSize: 420, paddingBlockStart: 64 }}>
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBlockEnd: 16 }}>
        <LanguageSwitch />
      </div>
      <Card>
        <Typography.Title level={3} style={{ marginBlockStart: 0 }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('auth.subtitle')}</Typography.Paragraph>
        {error && (
          <Alert
            role="alert"
            type={locked ? 'warning' : 'error'}
            showIcon
            style={{ marginBlockEnd: 16 }}
            message={t(errorMessageKey(error))}
            description={locked ? t('auth.lockedHint') : undefined}
          />
        )}
        <Form<Credentials>
          form={form}
          layout="vertical"
          requiredMark={false}
          disabled={login.isPending}
          onFinish={(values) =>
            login.mutate(values, {
              onError: (e) => {
                if (e instanceof ApiError && e.code === 'auth.invalid_credentials')
                  form.setFieldValue('password', '');
              },
            })
          }
        >
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
          >
            <Input autoComplete="username" autoFocus dir="ltr" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" dir="ltr" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('auth.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
