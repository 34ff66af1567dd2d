import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessageKey } from '../../api/client.js';
import { LanguageSwitch } from '../../app/LanguageSwitch.js';
import { useI18n } from '../../i18n/i18n.js';
import type { LoginBody } from '../../../domain/auth.schema.js';
import { signedIn, useLogin, useNewPassword, useSecondFactor } from './api.js';
import { TotpEnrolment } from './TotpEnrolment.js';

/** What a refusal adds to its sentence: what to do next. */
const hints: Record<string, string> = {
  'auth.locked': 'auth.lockedHint',
  'auth.throttled': 'auth.throttledHint',
};

/** A refused step's sentence, and what to do next when there is more to say. */
function Refusal({ error }: { error: unknown }) {
  const { t } = useI18n();
  const code = error instanceof ApiError ? error.code : '';
  const hint = hints[code];
  return (
    <Alert
      role="alert"
      type={hint ? 'warning' : 'error'}
      showIcon
      style={{ marginBlockEnd: 16 }}
      message={t(errorMessageKey(error))}
      description={hint ? t(hint) : undefined}
    />
  );
}

/** The second step: six digits from the authenticator app, or a recovery code. */
function CodeStep({ onStartOver }: { onStartOver: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ code: string }>();
  const verify = useSecondFactor();
  const expired = verify.error instanceof ApiError && verify.error.code === 'auth.sign_in_expired';
  return (
    <>
      <Typography.Title level={4} style={{ marginBlockStart: 0 }}>
        {t('auth.codeTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('auth.codeHint')}</Typography.Paragraph>
      {verify.error && <Refusal error={verify.error} />}
      <Form<{ code: string }>
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={verify.isPending || expired}
        onFinish={({ code }) => verify.mutate(code.trim(), { onError: () => form.setFieldValue('code', '') })}
      >
        <Form.Item
          name="code"
          label={t('auth.code')}
          rules={[{ required: true, whitespace: true, message: t('auth.codeRequired') }]}
        >
          <Input autoComplete="one-time-code" autoFocus dir="ltr" maxLength={20} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={verify.isPending}>
          {t('auth.verify')}
        </Button>
      </Form>
      <Button type="link" block onClick={onStartOver} style={{ marginBlockStart: 8 }}>
        {t('auth.startOver')}
      </Button>
    </>
  );
}

/** After a one-time password: the user chooses their own (twice, the same), then signs in as usual. */
function NewPasswordStep({
  onNext,
  onStartOver,
}: {
  onNext: (next: 'totp' | 'enrol') => void;
  onStartOver: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ newPassword: string; repeat: string }>();
  const change = useNewPassword();
  return (
    <>
      <Typography.Title level={4} style={{ marginBlockStart: 0 }}>
        {t('auth.newPassword.title')}
      </Typography.Title>
      <Alert type="info" showIcon style={{ marginBlockEnd: 16 }} message={t('auth.newPassword.hint')} />
      {change.error && <Refusal error={change.error} />}
      <Form<{ newPassword: string; repeat: string }>
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={change.isPending}
        onFinish={({ newPassword }) =>
          change.mutate(newPassword, {
            onSuccess: (answer) => {
              if ('next' in answer && answer.next !== 'password') onNext(answer.next);
            },
          })
        }
      >
        <Form.Item
          name="newPassword"
          label={t('auth.newPassword.label')}
          rules={[{ required: true, min: 10, message: t('errors.users.password_too_short') }]}
        >
          <Input.Password autoComplete="new-password" autoFocus dir="ltr" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('auth.newPassword.repeat')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('auth.newPassword.mismatch') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('auth.newPassword.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" dir="ltr" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={change.isPending}>
          {t('auth.newPassword.submit')}
        </Button>
      </Form>
      <Button type="link" block onClick={onStartOver} style={{ marginBlockStart: 8 }}>
        {t('auth.startOver')}
      </Button>
    </>
  );
}

/**
 * Username and password, then — when the user has TOTP — the code, or — when their role requires TOTP
 * and they have none — enrolment first. Refusals are explained in the UI language; a wrong password, an
 * unknown user and a disabled or locked account all read the same. The sign-in page shows them, and so does
 * the dialog of a session that ended under an open screen (`username` filled in).
 */
export function SignInSteps({ username }: { username?: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<LoginBody>();
  const login = useLogin();
  const [step, setStep] = useState<'password' | 'totp' | 'enrol' | 'newPassword'>('password');
  const startOver = () => {
    login.reset();
    setStep('password');
  };

  let content;
  if (step === 'totp') content = <CodeStep onStartOver={startOver} />;
  else if (step === 'newPassword') content = <NewPasswordStep onNext={setStep} onStartOver={startOver} />;
  else if (step === 'enrol')
    content = (
      <>
        <Typography.Title level={4} style={{ marginBlockStart: 0 }}>
          {t('auth.totp.title')}
        </Typography.Title>
        <Alert type="info" showIcon style={{ marginBlockEnd: 16 }} message={t('auth.enrolRequired')} />
        <TotpEnrolment
          onDone={(session) => {
            if (session) signedIn(queryClient, session);
            else startOver();
          }}
        />
        <Button type="link" block onClick={startOver} style={{ marginBlockStart: 8 }}>
          {t('auth.startOver')}
        </Button>
      </>
    );
  else
    content = (
      <>
        <Typography.Paragraph type="secondary">{t('auth.subtitle')}</Typography.Paragraph>
        {login.error && <Refusal error={login.error} />}
        <Form<LoginBody>
          form={form}
          layout="vertical"
          requiredMark={false}
          disabled={login.isPending}
          initialValues={username ? { username } : undefined}
          onFinish={(values) =>
            login.mutate(values, {
              onSuccess: (answer) => {
                if ('next' in answer) setStep(answer.next === 'password' ? 'newPassword' : answer.next);
              },
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
            <Input autoComplete="username" autoFocus={!username} dir="ltr" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            preserve={false}
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" autoFocus={Boolean(username)} dir="ltr" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('auth.submit')}
          </Button>
        </Form>
      </>
    );
  return content;
}

/** The page shown until there is a session. */
export function SignInPage() {
  const { t } = useI18n();
  return (
    <div className="cb-page" style={{ maxInlineSize: 420, paddingBlockStart: 64 }}>
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBlockEnd: 16 }}>
        <LanguageSwitch />
      </div>
      <Card>
        <Typography.Title level={3} style={{ marginBlockStart: 0 }}>
          {t('app.name')}
        </Typography.Title>
        <SignInSteps />
      </Card>
    </div>
  );
}
