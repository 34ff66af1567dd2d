import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { normaliseIdentifier } from '../../../domain/persian-text.js';
import { errorMessageKey } from '../../api/client.js';
import { useI18n } from '../../i18n/i18n.js';

/**
 * The tracking page's second step: the code went to the complainant's mobile (`***1234`, in the UI's digits);
 * they type its 6 digits — Persian, Arabic or Latin — and see the status, or ask again from the start.
 */
export function OtpStep(props: {
  sentTo: string;
  pending: boolean;
  error: unknown;
  onSubmit: (otp: string) => void;
  onBack: () => void;
}) {
  const { t, digits } = useI18n();
  return (
    <Card size="small" data-testid="tracking-otp">
      <Form<{ otp: string }>
        layout="vertical"
        requiredMark={false}
        disabled={props.pending}
        onFinish={(values) => props.onSubmit(normaliseIdentifier(values.otp))}
      >
        <Typography.Paragraph>
          {t('tracking.otpSent')}{' '}
          <span className="cb-id" dir="ltr">
            {digits(props.sentTo)}
          </span>
        </Typography.Paragraph>
        <Form.Item
          name="otp"
          label={t('tracking.otp')}
          rules={[
            {
              validator: (_, value: string | undefined) =>
                /^\d{6}$/.test(normaliseIdentifier(value ?? ''))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('tracking.otpInvalid'))),
            },
          ]}
        >
          <Input dir="ltr" inputMode="numeric" autoComplete="one-time-code" size="large" maxLength={12} />
        </Form.Item>
        {props.error != null && (
          <Alert
            role="alert"
            type="error"
            showIcon
            style={{ marginBlockEnd: 16 }}
            message={t(errorMessageKey(props.error))}
          />
        )}
        <Space direction="vertical" style={{ inlineSize: '100%' }}>
          <Button type="primary" htmlType="submit" block size="large" loading={props.pending}>
            {t('tracking.submit')}
          </Button>
          <Button block onClick={props.onBack}>
            {t('tracking.otpBack')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
