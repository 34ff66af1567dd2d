import { useState } from 'react';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { SessionUser } from '../../../domain/auth.schema.js';
import { useI18n } from '../../i18n/i18n.js';
import { sessionKey } from '../auth/api.js';
import { TotpEnrolment } from '../auth/TotpEnrolment.js';

/** The signed-in user's two-step sign-in: on, or a way to set it up (every role may; some must). */
export function SecurityPage({ user }: { user: SessionUser }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [enrolling, setEnrolling] = useState(false);
  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%', maxInlineSize: 520 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('auth.totp.title')}
      </Typography.Title>
      {user.totpEnabled ? (
        <Alert
          type="success"
          showIcon
          data-testid="totp-status"
          message={t('auth.totp.enabled')}
          description={t('auth.totp.enabledHint')}
        />
      ) : enrolling ? (
        <Card>
          <TotpEnrolment
            onDone={() => {
              setEnrolling(false);
              void queryClient.invalidateQueries({ queryKey: sessionKey });
            }}
          />
        </Card>
      ) : (
        <>
          <Alert type="info" showIcon data-testid="totp-status" message={t('auth.totp.notEnabled')} />
          <Button type="primary" onClick={() => setEnrolling(true)}>
            {t('auth.totp.start')}
          </Button>
        </>
      )}
    </Space>
  );
}
