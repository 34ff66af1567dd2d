import { Alert, Button, Card, Descriptions, Form, Input, Space, Typography } from 'antd';
import { normaliseTrackingCode } from '../../../domain/cases/tracking-code.js';
import { isValidNationalId } from '../../../domain/national-id.js';
import { errorMessageKey } from '../../api/client.js';
import type { PublicCaseStatus, TrackingStatus } from '../../api/types.js';
import { LanguageSwitch } from '../../app/LanguageSwitch.js';
import { routeQuery, usePath } from '../../app/router.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { NationalIdInput } from '../../components/NationalIdInput.js';
import { useI18n } from '../../i18n/i18n.js';
import { useTrackingLookup } from './api.js';

interface TrackingForm {
  code: string;
  nationalId: string;
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
 * Public tracking (`#/track`, no sign-in, phone-sized): the tracking code from the receipt (prefilled
 * from its QR code) and the complainant's national ID, in Persian, Arabic or Latin digits → the
 * state of that one case in plain words. Errors (no match, too many tries) are sentences too.
 */
export function TrackingPage() {
  const { t } = useI18n();
  const path = usePath();
  const [form] = Form.useForm<TrackingForm>();
  const lookup = useTrackingLookup();

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
            <TrackingResult
              status={lookup.data}
              onAgain={() => {
                lookup.reset();
                form.setFieldValue('nationalId', '');
              }}
            />
          ) : (
            <Card size="small">
              <Form<TrackingForm>
                form={form}
                layout="vertical"
                requiredMark={false}
                disabled={lookup.isPending}
                initialValues={{ code: routeQuery(path).get('code') ?? '', nationalId: '' }}
                onFinish={(values) =>
                  lookup.mutate({
                    code: normaliseTrackingCode(values.code) ?? values.code,
                    nationalId: values.nationalId,
                  })
                }
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
                  <Input
                    dir="ltr"
                    autoComplete="off"
                    autoCapitalize="characters"
                    spellCheck={false}
                    placeholder={t('tracking.codePlaceholder')}
                    size="large"
                  />
                </Form.Item>
                <Form.Item
                  name="nationalId"
                  label={t('tracking.nationalId')}
                  rules={[
                    { required: true, message: t('tracking.nationalIdRequired') },
                    {
                      validator: (_, value: string | undefined) =>
                        !value || isValidNationalId(value)
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('nationalId.invalid'))),
                    },
                  ]}
                >
                  <NationalIdInput />
                </Form.Item>
                {lookup.isError && (
                  <Alert
                    role="alert"
                    type="error"
                    showIcon
                    style={{ marginBlockEnd: 16 }}
                    message={t(errorMessageKey(lookup.error))}
                  />
                )}
                <Button type="primary" htmlType="submit" block size="large" loading={lookup.isPending}>
                  {t('tracking.submit')}
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
