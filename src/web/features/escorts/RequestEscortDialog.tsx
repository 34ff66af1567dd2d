import { Form, Input, Select } from 'antd';
import { escortDestinations, type EscortDestination } from '../../../domain/escorts/escort-kinds.js';
import type { CaseDetail } from '../../../domain/cases/case.schema.js';
import { ActionDialog, resetAndClose } from '../../components/ActionDialog.js';
import { useFormDraft } from '../../components/FormDraft.js';
import { JalaliDateTimePicker } from '../../components/JalaliDateTimePicker.js';
import { useI18n } from '../../i18n/i18n.js';
import { useOrderList } from '../orders/api.js';
import { useRequestEscort } from './api.js';

interface RequestValues {
  partyId: string;
  destination: EscortDestination;
  place: string;
  scheduledAt: string | null;
  reason: string;
  orderId?: string;
}

/** A time an escort may be asked for: given, and not in the past (the server allows a few minutes' grace). */
export function scheduleProblem(scheduledAt: string | null | undefined, now: Date): string | null {
  if (!scheduledAt || Number.isNaN(Date.parse(scheduledAt))) return 'escorts.request.timeRequired';
  return Date.parse(scheduledAt) < now.getTime() - 5 * 60_000 ? 'errors.escorts.scheduled_in_past' : null;
}

/**
 * The station asks its escort unit to take a person of the case (the accused held in custody chosen first)
 * to a destination at a time picked in the Jalali calendar, for a reason — optionally carrying out one of
 * the case's escort orders. The input stays when the server answers an error.
 */
export function RequestEscortDialog({
  detail,
  open,
  onClose,
  now = () => new Date(),
}: {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
  now?: () => Date;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<RequestValues>();
  const draft = useFormDraft(form, `escorts.request.${detail.id}`);
  const request = useRequestEscort();
  const orders = useOrderList({ caseId: detail.id, state: 'active' });
  const escortOrders = (orders.data?.items ?? []).filter((o) => o.kind === 'escort');
  const held = detail.custody.find((c) => c.endedAt === null)?.partyId;
  const parties = [...detail.parties].sort((a, b) => Number(b.id === held) - Number(a.id === held));
  const submit = (v: RequestValues) =>
    request.mutate(
      {
        caseId: detail.id,
        body: {
          partyId: v.partyId,
          destination: v.destination,
          place: v.place,
          scheduledAt: v.scheduledAt!,
          reason: v.reason,
          orderId: v.orderId ?? null,
        },
      },
      resetAndClose(form, onClose, draft),
    );
  return (
    <ActionDialog
      open={open}
      title={t('escorts.request.title')}
      okText={t('escorts.request.submit')}
      width={640}
      mutation={request}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<RequestValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ partyId: parties[0]?.id, destination: 'prosecutor_office', scheduledAt: null }}
        onValuesChange={draft.keep}
        aria-label={t('escorts.request.title')}
      >
        {draft.offer}
        <Form.Item
          name="partyId"
          label={t('escorts.fields.person')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select
            aria-label={t('escorts.fields.person')}
            options={parties.map((p) => ({
              value: p.id,
              label: `${p.firstName} ${p.lastName} (${t(`parties.roles.${p.role}`)})`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="destination"
          label={t('escorts.fields.destination')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select<EscortDestination>
            aria-label={t('escorts.fields.destination')}
            options={escortDestinations.map((d) => ({ value: d, label: t(`escorts.destinations.${d}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="place"
          label={t('escorts.fields.place')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={500} placeholder={t('escorts.request.placeHint')} />
        </Form.Item>
        <Form.Item
          name="scheduledAt"
          label={t('escorts.fields.scheduledAt')}
          rules={[
            {
              validator: async (_rule, value: string | null) => {
                const problem = scheduleProblem(value, now());
                if (problem) throw new Error(t(problem));
              },
            },
          ]}
        >
          <JalaliDateTimePicker now={now} yearsBack={0} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('escorts.fields.reason')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        {escortOrders.length > 0 && (
          <Form.Item name="orderId" label={t('escorts.fields.order')}>
            <Select
              allowClear
              aria-label={t('escorts.fields.order')}
              options={escortOrders.map((o) => ({ value: o.orderId, label: o.text.slice(0, 80) }))}
            />
          </Form.Item>
        )}
      </Form>
    </ActionDialog>
  );
}
