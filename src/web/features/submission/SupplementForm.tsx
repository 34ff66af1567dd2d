import { Alert, Button, Form, Input, Space } from 'antd';
import { errorMessageKey } from '../../api/client.js';
import { useFormDraft } from '../../components/FormDraft.js';
import { useI18n } from '../../i18n/i18n.js';
import { DocumentDropzone } from '../cases/documents/DocumentDropzone.js';
import { useUploadQueue } from '../cases/documents/upload-queue.js';
import { uploadSupplementDocument, useSupplement } from './api.js';

interface SupplementValues {
  note: string;
  answers?: string;
}

/**
 * A supplement to a sent case: a note, answers to a return for completion, and documents. Documents upload
 * as they are dropped (to the case's supplement upload) and go with the supplement by id; after an error
 * the note and the uploaded documents stay, so sending again does not upload twice. The parent remounts
 * the form (a new `key`) once a supplement has gone.
 */
export function SupplementForm({
  caseId,
  returned,
  onSent,
}: {
  caseId: string;
  returned: boolean;
  onSent?: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<SupplementValues>();
  const draft = useFormDraft(form, `cases.${caseId}.supplement`);
  const queue = useUploadQueue(uploadSupplementDocument);
  const supplement = useSupplement();
  const uploading = queue.items.some((i) => i.status === 'uploading' || i.status === 'pending');
  const failed = queue.items.some((i) => i.status === 'failed');

  const submit = async (values: SupplementValues) => {
    const documentIds = queue.items.flatMap((i) =>
      i.status === 'done' && i.documentId ? [i.documentId] : [],
    );
    await supplement.mutateAsync({
      caseId,
      body: { note: values.note, answers: values.answers?.trim() ? values.answers : null, documentIds },
    });
    draft.clear();
    onSent?.();
  };

  return (
    <Form<SupplementValues>
      form={form}
      layout="vertical"
      aria-label={t('submission.supplement.title')}
      onFinish={(values) => void submit(values).catch(() => undefined)}
      onValuesChange={draft.keep}
    >
      {draft.offer}
      <Form.Item
        name="note"
        label={t('submission.supplement.note')}
        rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
      >
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      {returned && (
        <Form.Item name="answers" label={t('submission.supplement.answers')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      )}
      <Form.Item label={t('submission.supplement.documents')}>
        <DocumentDropzone queue={queue} caseId={caseId} />
      </Form.Item>
      <Space direction="vertical" style={{ inlineSize: '100%' }}>
        {supplement.isError && <Alert type="error" showIcon message={t(errorMessageKey(supplement.error))} />}
        {failed && <Alert type="warning" showIcon message={t('submission.supplement.uploadsFailed')} />}
        <Button type="primary" htmlType="submit" loading={supplement.isPending} disabled={uploading}>
          {t('submission.supplement.send')}
        </Button>
      </Space>
    </Form>
  );
}
