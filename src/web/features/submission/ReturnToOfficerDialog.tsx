import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import type { CaseDetail } from '../../../domain/cases/case.schema.js';
import { ActionDialog } from '../../components/ActionDialog.js';
import { useI18n } from '../../i18n/i18n.js';
import { useReturnToOfficer } from './api.js';

/** The chief's "return to the officer": a dialog asking why (the officer reads it on the case and in their queue). */
export function ReturnToOfficerButton({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ comment: string }>();
  const mutation = useReturnToOfficer();
  const submit = async () => {
    // A missing comment is shown under its field; nothing is sent.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const { comment } = values;
    mutation.mutate(
      { caseId: detail.id, body: { comment } },
      {
        onSuccess: () => {
          setOpen(false);
          form.resetFields();
        },
      },
    );
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('submission.returnToOfficer')}</Button>
      <ActionDialog
        open={open}
        title={t('submission.returnToOfficerTitle')}
        okText={t('submission.returnToOfficer')}
        mutation={mutation}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="comment"
            label={t('submission.returnComment')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 2000 }]}
          >
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        </Form>
      </ActionDialog>
    </>
  );
}
