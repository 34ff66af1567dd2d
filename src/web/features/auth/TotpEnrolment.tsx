import { useEffect, useRef } from 'react';
import { Alert, Button, Form, Input, Space, Spin, Typography } from 'antd';
import type { SessionResponse } from '../../../domain/auth.schema.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/i18n.js';
import { useConfirmTotpEnrolment, useStartTotpEnrolment } from './api.js';

/**
 * Sets up TOTP: the QR code (and the same key as text) to add to an authenticator app, a first code to
 * confirm, then the recovery codes — shown this once — until the user says they kept them (`onDone`, with
 * the new session when this was a sign-in that had to enrol first).
 */
export function TotpEnrolment({ onDone }: { onDone: (session: SessionResponse | undefined) => void }) {
  const { t } = useI18n();
  const start = useStartTotpEnrolment();
  const confirm = useConfirmTotpEnrolment();
  const [form] = Form.useForm<{ code: string }>();
  // One secret per visit: React's strict mode runs effects twice, and each start replaces the secret.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    start.mutate();
  }, [start]);

  if (confirm.data) {
    return (
      <Space direction="vertical" style={{ inlineSize: '100%' }}>
        <Typography.Title level={4} style={{ marginBlockStart: 0 }}>
          {t('auth.totp.recoveryTitle')}
        </Typography.Title>
        <Alert type="warning" showIcon message={t('auth.totp.recoveryHint')} />
        <ol className="cb-ltr" data-testid="recovery-codes" style={{ fontFamily: 'monospace', fontSize: 16 }}>
          {confirm.data.recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ol>
        <Button type="primary" block onClick={() => onDone(confirm.data.session)}>
          {t('auth.totp.done')}
        </Button>
      </Space>
    );
  }
  if (start.isError) return <ErrorAlert error={start.error} />;
  if (!start.data) return <Spin aria-label={t('common.loading')} />;
  return (
    <Space direction="vertical" style={{ inlineSize: '100%' }}>
      <Typography.Paragraph>{t('auth.totp.intro')}</Typography.Paragraph>
      <img
        src={start.data.qrDataUrl}
        alt={t('auth.totp.qrAlt')}
        width={200}
        height={200}
        style={{ display: 'block', marginInline: 'auto' }}
      />
      <Typography.Text type="secondary">{t('auth.totp.secretLabel')}</Typography.Text>
      <Typography.Text code copyable className="cb-ltr" data-testid="totp-secret">
        {start.data.secret}
      </Typography.Text>
      {confirm.isError && <ErrorAlert error={confirm.error} />}
      <Form<{ code: string }>
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={confirm.isPending}
        onFinish={({ code }) =>
          confirm.mutate(code.trim(), { onError: () => form.setFieldValue('code', '') })
        }
      >
        <Form.Item
          name="code"
          label={t('auth.totp.confirmLabel')}
          rules={[{ required: true, whitespace: true, message: t('auth.codeRequired') }]}
        >
          <Input autoComplete="one-time-code" inputMode="numeric" dir="ltr" maxLength={10} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={confirm.isPending}>
          {t('auth.totp.confirm')}
        </Button>
      </Form>
    </Space>
  );
}
