import { useState } from 'react';
import { Alert, Button, Card, Form, InputNumber, List, Typography } from 'antd';
import type { CaseDetail } from '../../../domain/cases/case.schema.js';
import { errorMessageKey } from '../../api/client.js';
import { ActionDialog, resetAndClose } from '../../components/ActionDialog.js';
import { JalaliDateTimePicker } from '../../components/JalaliDateTimePicker.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { useI18n } from '../../i18n/i18n.js';
import { usePaperTransmissions, useRecordPaperTransmission } from './api.js';

interface PaperValues {
  sentAt: string | null;
  files: number;
}

/** A time the files went on paper: given, and not in the future (the server allows a minute's grace). */
export function paperSentProblem(sentAt: string | null | undefined, now: Date): string | null {
  if (!sentAt || Number.isNaN(Date.parse(sentAt))) return 'paperTransmission.timeRequired';
  return Date.parse(sentAt) > now.getTime() + 60_000 ? 'errors.paper.sent_in_future' : null;
}

/**
 * On the page of a case not sent electronically (`allowed.recordPaper`): what the station recorded as sent to
 * its prosecutor's office on paper, and a dialog to record it — the time in the Jalali calendar and how many files.
 */
export function CasePaperTransmissions({
  detail,
  now = () => new Date(),
}: {
  detail: CaseDetail;
  now?: () => Date;
}) {
  const { t, digits } = useI18n();
  const list = usePaperTransmissions(detail.id);
  const record = useRecordPaperTransmission();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<PaperValues>();
  const submit = (v: PaperValues) =>
    record.mutate(
      { caseId: detail.id, sentAt: v.sentAt!, files: v.files },
      resetAndClose(form, () => setOpen(false)),
    );
  const items = list.data?.items ?? [];
  return (
    <Card
      title={t('paperTransmission.title')}
      size="small"
      extra={<Button onClick={() => setOpen(true)}>{t('paperTransmission.open')}</Button>}
    >
      {list.isError ? (
        <Alert type="error" showIcon message={t(errorMessageKey(list.error))} />
      ) : items.length === 0 ? (
        <Typography.Text type="secondary">{t('paperTransmission.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(p) => (
            <List.Item key={p.id}>
              <JalaliTime at={p.sentAt} /> — {t('paperTransmission.item', { files: digits(p.files) })}
            </List.Item>
          )}
        />
      )}
      <ActionDialog
        open={open}
        title={t('paperTransmission.open')}
        okText={t('paperTransmission.submit')}
        mutation={record}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
      >
        <Typography.Paragraph type="secondary">{t('paperTransmission.hint')}</Typography.Paragraph>
        <Form<PaperValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ sentAt: null, files: 1 }}
          aria-label={t('paperTransmission.open')}
        >
          <Form.Item
            name="sentAt"
            label={t('paperTransmission.sentAt')}
            rules={[
              {
                validator: async (_rule, value: string | null) => {
                  const problem = paperSentProblem(value, now());
                  if (problem) throw new Error(t(problem));
                },
              },
            ]}
          >
            <JalaliDateTimePicker now={now} yearsBack={2} />
          </Form.Item>
          <Form.Item
            name="files"
            label={t('paperTransmission.files')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <InputNumber min={1} max={1000} precision={0} aria-label={t('paperTransmission.files')} />
          </Form.Item>
        </Form>
      </ActionDialog>
    </Card>
  );
}
