import { useRef, useState } from 'react';
import { Alert, Button, Card, Form, Radio, Space, Typography } from 'antd';
import { ApiError, errorMessageKey, isKnownErrorCode } from '../../api/client.js';
import { caseOrigins } from '../../../domain/cases/case.schema.js';
import { href, navigate } from '../../app/router.js';
import { useI18n } from '../../i18n/i18n.js';
import { useAddParty, useCreateCase, useStartCustody, useUpdateCase, useUpdateParty } from './api.js';
import { DocumentDropzone } from './documents/DocumentDropzone.js';
import { useUploadQueue } from './documents/upload-queue.js';
import { IncidentFields } from './new-case/IncidentFields.js';
import { PartyFields } from './new-case/PartyFields.js';
import { nothingSaved, SaveFailed, saveNewCase, type NewCaseValues } from './new-case/save-new-case.js';

type Phase =
  | { kind: 'editing' }
  | { kind: 'saving' }
  | { kind: 'failed'; error: SaveFailed }
  | { kind: 'uploadsFailed'; caseId: string };

let partyCounter = 0;
const newPartyKey = () => `party-${Date.now()}-${++partyCounter}`;

/**
 * A new case file: origin, incident, parties (with custody) and documents, saved in steps.
 * On an error the form keeps everything typed, shows where it stopped, and saving again continues from there.
 */
export function NewCasePage() {
  const { t, has } = useI18n();
  const [form] = Form.useForm<NewCaseValues>();
  const saved = useRef(nothingSaved());
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
  const queue = useUploadQueue();
  const createCase = useCreateCase();
  const updateCase = useUpdateCase();
  const addParty = useAddParty();
  const updateParty = useUpdateParty();
  const startCustody = useStartCustody();

  const showFieldIssues = (failure: SaveFailed) => {
    if (!(failure.cause instanceof ApiError) || failure.cause.issues.length === 0) return;
    const prefix = failure.step === 'case' ? [] : ['parties', failure.partyIndex ?? 0];
    const fields = failure.cause.issues.map((issue) => {
      // The server names a field by where it was sent (`body.narrative`); a custody's start is the party's
      // `custodyStartedAt` in this form. A domain code (`custody.start_before_incident`) has its own sentence.
      const sent = issue.path.split('.').filter(Boolean).slice(1);
      const key = isKnownErrorCode(issue.code)
        ? `errors.${issue.code}`
        : `validation.${issue.code.replace(/^validation\./, '')}`;
      return {
        name: [...prefix, ...(failure.step === 'custody' ? ['custodyStartedAt'] : sent)],
        errors: [has(key) ? t(key) : t('validation.invalid')],
      };
    });
    // Issue paths come from the server, so antd cannot check them against the form's type.
    form.setFields(fields as Parameters<typeof form.setFields>[0]);
  };

  const onFinish = async (values: NewCaseValues) => {
    setPhase({ kind: 'saving' });
    let caseId: string;
    try {
      caseId = await saveNewCase(values, saved.current, {
        createCase: (body) => createCase.mutateAsync(body),
        updateCase: (id, fields) => updateCase.mutateAsync({ caseId: id, fields }),
        addParty: (id, party) => addParty.mutateAsync({ caseId: id, party }),
        updateParty: (id, partyId, party) => updateParty.mutateAsync({ caseId: id, partyId, party }),
        startCustody: (id, partyId, startedAt) =>
          startCustody.mutateAsync({ caseId: id, partyId, startedAt }),
      });
    } catch (error) {
      const failure = error instanceof SaveFailed ? error : new SaveFailed('case', error);
      showFieldIssues(failure);
      setPhase({ kind: 'failed', error: failure });
      return;
    }
    if (await queue.uploadAll(caseId)) navigate(`/cases/${caseId}`);
    else setPhase({ kind: 'uploadsFailed', caseId });
  };

  const saving = phase.kind === 'saving';
  const caseId = saved.current.caseId ?? undefined;

  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('cases.new.title')}
      </Typography.Title>
      <Form<NewCaseValues>
        form={form}
        layout="vertical"
        disabled={saving}
        initialValues={{
          origin: 'complaint',
          accusedUnknown: false,
          parties: [{ key: newPartyKey(), role: 'complainant' }],
        }}
        onFinish={(values) => void onFinish(values)}
        scrollToFirstError
      >
        <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
          <Card title={t('cases.new.originSection')}>
            <Form.Item
              name="origin"
              rules={[{ required: true, message: t('validation.required') }]}
              style={{ marginBlockEnd: 0 }}
            >
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={caseOrigins.map((o) => ({ value: o, label: t(`cases.origin.${o}`) }))}
              />
            </Form.Item>
          </Card>
          <Card title={t('cases.new.incidentSection')}>
            <IncidentFields />
          </Card>
          <Card title={t('cases.new.partiesSection')}>
            <Form.List name="parties">
              {(fields, { add, remove }) => (
                <Space direction="vertical" style={{ inlineSize: '100%' }}>
                  {fields.map((field) => (
                    <PartyFields key={field.key} index={field.name} onRemove={() => remove(field.name)} />
                  ))}
                  <Button onClick={() => add({ key: newPartyKey(), role: 'accused' })}>
                    {t('parties.add')}
                  </Button>
                </Space>
              )}
            </Form.List>
          </Card>
          <Card title={t('cases.new.documentsSection')}>
            <DocumentDropzone
              queue={queue}
              caseId={phase.kind === 'uploadsFailed' ? caseId : undefined}
              disabled={saving}
            />
          </Card>
          {phase.kind === 'failed' && (
            <Alert
              role="alert"
              type="error"
              showIcon
              message={t(`cases.new.failedAt.${phase.error.step}`, { n: (phase.error.partyIndex ?? 0) + 1 })}
              description={t(errorMessageKey(phase.error.cause))}
            />
          )}
          {phase.kind === 'uploadsFailed' && (
            <Alert
              role="alert"
              type="warning"
              showIcon
              message={t('cases.new.uploadsFailed')}
              action={<Button href={href(`/cases/${phase.caseId}`)}>{t('cases.new.openCase')}</Button>}
            />
          )}
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              loading={saving}
              disabled={phase.kind === 'uploadsFailed'}
            >
              {caseId ? t('cases.new.saveAgain') : t('cases.new.save')}
            </Button>
            <Button href={href('/cases')} disabled={saving}>
              {t('common.cancel')}
            </Button>
          </Space>
        </Space>
      </Form>
    </Space>
  );
}
