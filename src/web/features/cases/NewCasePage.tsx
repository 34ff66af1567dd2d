import { useState } from 'react';
import { Alert, Button, Card, Form, Radio, Space, Typography } from 'antd';
import { ApiError, errorMessageKey, isKnownErrorCode } from '../../api/client.js';
import { caseOrigins } from '../../../domain/cases/case.schema.js';
import { href, navigate } from '../../app/router.js';
import { useFormDraft } from '../../components/FormDraft.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCreateCase } from './api.js';
import { DocumentDropzone } from './documents/DocumentDropzone.js';
import { useUploadQueue } from './documents/upload-queue.js';
import { IncidentFields } from './new-case/IncidentFields.js';
import { PartyFields } from './new-case/PartyFields.js';
import { formPathOf, newCaseBodyOf, type NewCaseValues } from './new-case/save-new-case.js';

type Phase =
  | { kind: 'editing' }
  | { kind: 'saving' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'kindMissing' }
  | { kind: 'uploadsFailed'; caseId: string };

let partyCounter = 0;
const newPartyKey = () => `party-${Date.now()}-${++partyCounter}`;

/**
 * A new case file: origin, incident, parties (with custody) saved in one request — all of it or, when the server
 * refuses anything, nothing, with each refused field marked and everything typed kept — then its documents.
 */
export function NewCasePage() {
  const { t, has } = useI18n();
  const [form] = Form.useForm<NewCaseValues>();
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
  const draft = useFormDraft(form, 'cases.new');
  const queue = useUploadQueue();
  const createCase = useCreateCase();

  /** Puts each field the server refused beside the field, in its own words (a domain code has its sentence). */
  const showFieldIssues = (error: unknown) => {
    if (!(error instanceof ApiError) || error.issues.length === 0) return;
    const fields = error.issues.map((issue) => {
      const key = isKnownErrorCode(issue.code)
        ? `errors.${issue.code}`
        : `validation.${issue.code.replace(/^validation\./, '')}`;
      return { name: formPathOf(issue.path), errors: [has(key) ? t(key) : t('validation.invalid')] };
    });
    // Issue paths come from the server, so antd cannot check them against the form's type.
    form.setFields(fields as Parameters<typeof form.setFields>[0]);
  };

  /** One request, one transaction: the case with its parties and custody, or nothing; then each document. */
  const onFinish = async (values: NewCaseValues) => {
    // Each document's kind is chosen by the user, never defaulted: nothing is saved until every file has one.
    if (queue.lacksKind) {
      setPhase({ kind: 'kindMissing' });
      return;
    }
    setPhase({ kind: 'saving' });
    let caseId: string;
    try {
      caseId = (await createCase.mutateAsync(newCaseBodyOf(values))).id;
    } catch (error) {
      showFieldIssues(error);
      setPhase({ kind: 'failed', error });
      return;
    }
    // The case is saved: its typed content is no longer a draft (documents not yet sent stay on this page).
    draft.clear();
    if (await queue.uploadAll(caseId)) navigate(`/cases/${caseId}`);
    else setPhase({ kind: 'uploadsFailed', caseId });
  };

  const saving = phase.kind === 'saving';

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
        onValuesChange={draft.keep}
        scrollToFirstError
      >
        {draft.offer}
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
              caseId={phase.kind === 'uploadsFailed' ? phase.caseId : undefined}
              disabled={saving}
            />
          </Card>
          {phase.kind === 'failed' && (
            <Alert
              role="alert"
              type="error"
              showIcon
              message={t('cases.new.notSaved')}
              description={t(errorMessageKey(phase.error))}
            />
          )}
          {phase.kind === 'kindMissing' && queue.lacksKind && (
            <Alert role="alert" type="error" showIcon message={t('documents.kindNeededAll')} />
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
              {t('cases.new.save')}
            </Button>
            <Button href={href('/cases')} disabled={saving} onClick={draft.clear}>
              {t('common.cancel')}
            </Button>
          </Space>
        </Space>
      </Form>
    </Space>
  );
}
