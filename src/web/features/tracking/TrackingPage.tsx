import { Alert, Button, Card, Descriptions, Form, Input, Segmented, Space, Typography } from 'antd';
import type { InputProps } from 'antd';
import { useState } from 'react';
import { normaliseTrackingCode } from '../../../domain/cases/tracking-code.js';
import { errorMessageKey } from '../../api/client.js';
import type { PublicCaseStatus } from '../../../domain/cases/public-status.js';
import type { TrackingCodeRequest, TrackingStatus } from '../../../domain/cases/tracking.schema.js';
import { LanguageSwitch } from '../../app/LanguageSwitch.js';
import { routeQuery, usePath } from '../../app/router.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { NationalIdInput } from '../../components/NationalIdInput.js';
import { nationalIdRule, passportNumberRule } from '../../components/identifier-rules.js';
import { useI18n } from '../../i18n/i18n.js';
import { useTrackingCodeRequest, useTrackingLookup } from './api.js';
import { OtpStep } from './OtpStep.js';

type IdentityKind = 'nationalId' | 'passportNumber';

/** A code typed from paper (tracking code, passport number): left to right, as typed, large on a phone. */
function CodeInput(props: InputProps) {
  return (
    <Input
      dir="ltr"
      autoComplete="off"
      autoCapitalize="characters"
      spellCheck={false}
      size="large"
      {...props}
    />
  );
}

interface TrackingForm {
  code: string;
  identityKind: IdentityKind;
  nationalId: string;
  passportNumber: string;
}

/** The look-up the form asks for: the code as printed, and the one identifier the complainant chose. */
function trackingQuery(values: TrackingForm): TrackingCodeRequest {
  const code = normaliseTrackingCode(values.code) ?? values.code;
  return values.identityKind === 'passportNumber'
    ? { code, passportNumber: values.passportNumber }
    : { code, nationalId: values.nationalId };
}

const alertType: Record<PublicCaseStatus, 'info' | 'success' | 'warning'> = {
  received: 'info',
  sent: 'info',
  registered: 'success',
  returned: 'warning',
  closed: 'success',
  in_progress: 'info',
};

/** The status of a complaint as one plain sentence in the UI language. */
export function statusSentence(
  t: (key: string, params?: Record<string, string>) => string,
  s: TrackingStatus,
) {
  if (s.status === 'registered' && s.prosecutorFileNumber)
    return t('tracking.status.registeredWithNumber', { fileNumber: s.prosecutorFileNumber });
  return t(`tracking.status.${s.status}`, { station: s.stationName });
}

/** The sentence, with the office's file number kept whole on one line (it is written with hyphens). */
function StatusSentence({ status, fileNumber }: { status: TrackingStatus; fileNumber: string | undefined }) {
  const { t } = useI18n();
  const marker = '\u0000';
  const [before, after] = statusSentence(t, {
    ...status,
    prosecutorFileNumber: fileNumber ? marker : null,
  }).split(marker);
  if (after === undefined || !fileNumber) return <>{before}</>;
  return (
    <>
      {before}
      <span className="cb-id">{fileNumber}</span>
      {after}
    </>
  );
}

function TrackingResult({ status, onAgain }: { status: TrackingStatus; onAgain: () => void }) {
  const { t, digits } = useI18n();
  const fileNumber = status.prosecutorFileNumber ? digits(status.prosecutorFileNumber) : undefined;
  return (
    <Card
      size="small"
      title={t('tracking.resultTitle', { caseNumber: digits(status.caseNumber) })}
      data-testid="tracking-result"
    >
      <Space direction="vertical" style={{ inlineSize: '100%' }}>
        <Alert
          type={alertType[status.status]}
          showIcon
          data-status={status.status}
          message={<StatusSentence status={status} fileNumber={fileNumber} />}
        />
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('tracking.station')}>{status.stationName}</Descriptions.Item>
          <Descriptions.Item label={t('tracking.receivedAt')}>
            <JalaliTime at={status.receivedAt} />
          </Descriptions.Item>
          {status.sentAt && (
            <Descriptions.Item label={t('tracking.sentAt')}>
              <JalaliTime at={status.sentAt} />
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('tracking.updatedAt')}>
            <JalaliTime at={status.updatedAt} />
          </Descriptions.Item>
        </Descriptions>
        <Button onClick={onAgain}>{t('tracking.another')}</Button>
      </Space>
    </Card>
  );
}

/**
 * Public tracking (`#/track`, no sign-in, phone-sized), in two steps: the tracking code from the receipt
 * (prefilled from its QR code) and the complainant's national ID — or a foreign national's passport number —
 * in Persian, Arabic or Latin digits → "a code was sent to ***1234" → the one-time code → the state of that
 * one case in plain words. Errors (wrong or spent code, too many tries) are sentences too.
 */
export function TrackingPage() {
  const { t } = useI18n();
  const path = usePath();
  const [form] = Form.useForm<TrackingForm>();
  const lookup = useTrackingLookup();
  const codeRequest = useTrackingCodeRequest();
  const [asked, setAsked] = useState<{ query: TrackingCodeRequest; sentTo: string } | null>(null);
  const startAgain = () => {
    lookup.reset();
    codeRequest.reset();
    setAsked(null);
    form.setFieldsValue({ nationalId: '', passportNumber: '' });
  };
  const identityKind = Form.useWatch('identityKind', form) ?? 'nationalId';

  return (
    <>
      <header className="cb-public-header">
        <strong>{t('app.shortName')}</strong>
        <LanguageSwitch />
      </header>
      <main className="cb-public-page">
        <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
          <div>
            <Typography.Title level={3} style={{ marginBlock: 0 }}>
              {t('tracking.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('tracking.intro')}</Typography.Text>
          </div>
          {lookup.data ? (
            <TrackingResult status={lookup.data} onAgain={startAgain} />
          ) : asked ? (
            <OtpStep
              sentTo={asked.sentTo}
              pending={lookup.isPending}
              error={lookup.error}
              onSubmit={(otp) => lookup.mutate({ ...asked.query, otp })}
              onBack={startAgain}
            />
          ) : (
            <Card size="small">
              <Form<TrackingForm>
                form={form}
                layout="vertical"
                requiredMark={false}
                disabled={codeRequest.isPending}
                initialValues={{
                  code: routeQuery(path).get('code') ?? '',
                  identityKind: 'nationalId',
                  nationalId: '',
                  passportNumber: '',
                }}
                onFinish={(values) => {
                  const query = trackingQuery(values);
                  codeRequest.mutate(query, { onSuccess: ({ sentTo }) => setAsked({ query, sentTo }) });
                }}
              >
                <Form.Item
                  name="code"
                  label={t('tracking.code')}
                  rules={[
                    { required: true, whitespace: true, message: t('tracking.codeRequired') },
                    {
                      validator: (_, value: string | undefined) =>
                        !value || normaliseTrackingCode(value)
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('tracking.codeInvalid'))),
                    },
                  ]}
                >
                  <CodeInput placeholder={t('tracking.codePlaceholder')} />
                </Form.Item>
                <Form.Item name="identityKind" label={t('tracking.identityKind')}>
                  <Segmented<IdentityKind>
                    block
                    options={[
                      { value: 'nationalId', label: t('tracking.byNationalId') },
                      { value: 'passportNumber', label: t('tracking.byPassport') },
                    ]}
                    onChange={() => codeRequest.reset()}
                  />
                </Form.Item>
                {identityKind === 'nationalId' ? (
                  <Form.Item
                    name="nationalId"
                    label={t('tracking.nationalId')}
                    rules={[{ required: true, message: t('tracking.nationalIdRequired') }, nationalIdRule(t)]}
                  >
                    <NationalIdInput />
                  </Form.Item>
                ) : (
                  <Form.Item
                    name="passportNumber"
                    label={t('tracking.passportNumber')}
                    rules={[
                      { required: true, whitespace: true, message: t('tracking.passportRequired') },
                      passportNumberRule(t),
                    ]}
                  >
                    <CodeInput />
                  </Form.Item>
                )}
                {codeRequest.isError && (
                  <Alert
                    role="alert"
                    type="error"
                    showIcon
                    style={{ marginBlockEnd: 16 }}
                    message={t(errorMessageKey(codeRequest.error))}
                  />
                )}
                <Button type="primary" htmlType="submit" block size="large" loading={codeRequest.isPending}>
                  {t('tracking.sendCode')}
                </Button>
              </Form>
            </Card>
          )}
          <Typography.Text type="secondary">{t('tracking.privacy')}</Typography.Text>
        </Space>
      </main>
    </>
  );
}
