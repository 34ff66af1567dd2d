import { Form, Input, Select } from 'antd';
import { orderKinds } from '../../../domain/messages/bodies.js';
import { orderDeadlineRange } from '../../../domain/orders/order-deadline.js';
import type { OrderKind } from '../../../domain/orders/order-kind.js';
import { JalaliDateTimePicker } from '../../components/JalaliDateTimePicker.js';
import { useI18n } from '../../i18n/i18n.js';
import { useIssueOrder } from './api.js';
import { deadlineProblem } from './order-deadline.js';
import { ActionDialog, resetAndClose } from '../../components/ActionDialog.js';
import { useFormDraft } from '../../components/FormDraft.js';

interface IssueValues {
  kind: OrderKind;
  text: string;
  deadlineAt: string | null;
}

/**
 * The judge issues an order on a registered file: its kind, its text and a deadline ahead (Art. 34),
 * picked in the Jalali calendar. The input stays when the server answers an error.
 */
export function IssueOrderDialog({
  intakeId,
  open,
  onClose,
  now = () => new Date(),
}: {
  intakeId: string;
  open: boolean;
  onClose: () => void;
  now?: () => Date;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<IssueValues>();
  const draft = useFormDraft(form, `orders.issue.${intakeId}`);
  const issue = useIssueOrder();
  const submit = (values: IssueValues) =>
    issue.mutate(
      { intakeId, body: { kind: values.kind, text: values.text, deadlineAt: values.deadlineAt! } },
      resetAndClose(form, onClose, draft),
    );
  return (
    <ActionDialog
      open={open}
      title={t('orders.issue.title')}
      okText={t('orders.issue.submit')}
      width={640}
      mutation={issue}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<IssueValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ deadlineAt: null }}
        onValuesChange={draft.keep}
        aria-label={t('orders.issue.title')}
      >
        {draft.offer}
        <Form.Item
          name="kind"
          label={t('orders.fields.kind')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select<OrderKind>
            aria-label={t('orders.fields.kind')}
            options={orderKinds.map((k) => ({ value: k, label: t(`orders.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('orders.fields.text')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input.TextArea rows={4} maxLength={10_000} />
        </Form.Item>
        <Form.Item
          name="deadlineAt"
          label={t('orders.fields.deadline')}
          rules={[
            {
              validator: async (_rule, value: string | null) => {
                const problem = deadlineProblem(value, now());
                if (problem) throw new Error(t(problem));
              },
            },
          ]}
        >
          <JalaliDateTimePicker now={now} deadline range={orderDeadlineRange(now())} />
        </Form.Item>
      </Form>
    </ActionDialog>
  );
}
