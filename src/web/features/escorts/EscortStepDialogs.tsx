import { Form, Input } from 'antd';
import type { Escort } from '../../../domain/escorts/escorts.schema.js';
import type { HandOverStage } from '../../../domain/escorts/escort-kinds.js';
import { ActionDialog, resetAndClose } from '../../components/ActionDialog.js';
import { useI18n } from '../../i18n/i18n.js';
import { useAssignEscort, useCancelEscort, useHandOverEscort } from './api.js';

type DialogProps = { escort: Escort; open: boolean; onClose: () => void };

/** The escort unit names the officers it sends, and the vehicle. */
export function AssignEscortDialog({ escort, open, onClose }: DialogProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ officers: string; vehicle?: string }>();
  const assign = useAssignEscort();
  return (
    <ActionDialog
      open={open}
      title={t('escorts.assign.title')}
      okText={t('escorts.assign.submit')}
      mutation={assign}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        aria-label={t('escorts.assign.title')}
        onFinish={(v) =>
          assign.mutate(
            { escortId: escort.escortId, body: { officers: v.officers, vehicle: v.vehicle || null } },
            resetAndClose(form, onClose),
          )
        }
      >
        <Form.Item
          name="officers"
          label={t('escorts.fields.officers')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={500} placeholder={t('escorts.assign.officersHint')} />
        </Form.Item>
        <Form.Item name="vehicle" label={t('escorts.fields.vehicle')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </ActionDialog>
  );
}

/** A hand-over: who handed the person over at the station, or who took them in at the destination. */
export function HandOverDialog({ escort, stage, open, onClose }: DialogProps & { stage: HandOverStage }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ counterpart: string }>();
  const handOver = useHandOverEscort();
  return (
    <ActionDialog
      open={open}
      title={t(`escorts.handOver.${stage}.title`)}
      okText={t(`escorts.handOver.${stage}.submit`)}
      mutation={handOver}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        // Its own name, so that the two hand-over forms' fields get ids of their own (`picked_up_counterpart`).
        name={stage}
        aria-label={t(`escorts.handOver.${stage}.title`)}
        onFinish={(v) =>
          handOver.mutate(
            { escortId: escort.escortId, body: { stage, counterpart: v.counterpart } },
            resetAndClose(form, onClose),
          )
        }
      >
        <Form.Item
          name="counterpart"
          label={t(`escorts.handOver.${stage}.counterpart`)}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </ActionDialog>
  );
}

/** The station calls an escort off before the pick-up, saying why. */
export function CancelEscortDialog({ escort, open, onClose }: DialogProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelEscort();
  return (
    <ActionDialog
      open={open}
      danger
      title={t('escorts.cancel.title')}
      okText={t('escorts.cancel.submit')}
      mutation={cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        aria-label={t('escorts.cancel.title')}
        onFinish={(v) =>
          cancel.mutate(
            { escortId: escort.escortId, body: { reason: v.reason } },
            resetAndClose(form, onClose),
          )
        }
      >
        <Form.Item
          name="reason"
          label={t('escorts.cancel.reason')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </ActionDialog>
  );
}
