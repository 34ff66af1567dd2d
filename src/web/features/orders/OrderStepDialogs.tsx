import { Form, Input, Radio, Typography } from 'antd';
import type { CloseOrderBody, Order } from '../../../domain/orders/orders.schema.js';
import { useI18n } from '../../i18n/i18n.js';
import { DocumentDropzone } from '../cases/documents/DocumentDropzone.js';
import { useUploadQueue } from '../cases/documents/upload-queue.js';
import { uploadSupplementDocument } from '../submission/api.js';
import { useCloseOrder, useReportOrder } from './api.js';
import { ActionDialog, resetAndClose } from '../../components/ActionDialog.js';

/**
 * The station reports back on an order: a text, and documents uploaded to the sent case (the server's
 * supplement upload) that go with the report by id. Input and uploaded documents stay after an error.
 */
export function ReportOrderDialog({
  order,
  open,
  onClose,
}: {
  order: Order;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ report: string }>();
  const queue = useUploadQueue(uploadSupplementDocument);
  const report = useReportOrder();
  const busy = queue.items.some((i) => i.status === 'uploading' || i.status === 'pending');
  const submit = ({ report: text }: { report: string }) =>
    report.mutate(
      {
        orderId: order.orderId,
        body: {
          report: text,
          documentIds: queue.items.flatMap((i) =>
            i.status === 'done' && i.documentId ? [i.documentId] : [],
          ),
        },
      },
      resetAndClose(form, onClose),
    );
  return (
    <ActionDialog
      open={open}
      title={t('orders.report.title')}
      okText={t('orders.report.submit')}
      okDisabled={busy}
      width={640}
      mutation={report}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" onFinish={submit} aria-label={t('orders.report.title')}>
        <Form.Item
          name="report"
          label={t('orders.report.text')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input.TextArea rows={5} maxLength={20_000} />
        </Form.Item>
        <Form.Item label={t('orders.report.documents')}>
          {order.caseId ? (
            <DocumentDropzone queue={queue} caseId={order.caseId} />
          ) : (
            <Typography.Text type="secondary">{t('orders.report.noCase')}</Typography.Text>
          )}
        </Form.Item>
      </Form>
    </ActionDialog>
  );
}

/** The judge closes an order, or — after a report — asks the station for more. */
export function CloseOrderDialog({
  order,
  open,
  onClose,
}: {
  order: Order;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<CloseOrderBody>();
  const close = useCloseOrder();
  const canAskMore = order.allowed.requestMore;
  const submit = (values: CloseOrderBody) =>
    close.mutate(
      { orderId: order.orderId, body: { outcome: values.outcome, note: values.note ?? '' } },
      resetAndClose(form, onClose),
    );
  return (
    <ActionDialog
      open={open}
      title={t('orders.close.title')}
      okText={t('orders.close.submit')}
      mutation={close}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<CloseOrderBody>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ outcome: 'closed', note: '' }}
        aria-label={t('orders.close.title')}
      >
        <Form.Item name="outcome" label={t('orders.close.outcome')}>
          <Radio.Group
            options={[
              { value: 'closed', label: t('orders.outcome.closed') },
              { value: 'more_requested', label: t('orders.outcome.more_requested'), disabled: !canAskMore },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label={t('orders.close.note')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </ActionDialog>
  );
}
