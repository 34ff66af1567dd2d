import type { ReactNode } from 'react';
import { Alert, Modal } from 'antd';
import { useI18n } from '../i18n/i18n.js';
import { ErrorAlert } from './ErrorAlert.js';

/**
 * A dialog that takes one action (register, return, issue an order, …): the server's error as a
 * Persian sentence above the content, an optional warning (what is still missing), and the action's
 * button busy while the request runs. The content — usually a form — stays as typed after an error.
 */
export function ActionDialog(props: {
  open: boolean;
  title: string;
  okText: string;
  danger?: boolean;
  /** The action's button stays disabled (e.g. while documents upload). */
  okDisabled?: boolean;
  width?: number;
  /** Forget the content when closed (a create dialog starts empty each time). */
  destroyOnHidden?: boolean;
  /** The request the dialog's action runs: busy while pending, its error shown above the content. */
  mutation: { isPending: boolean; isError: boolean; error: unknown };
  warning?: string | null;
  onOk: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.okText}
      okButtonProps={{ danger: props.danger ?? false, disabled: props.okDisabled ?? false }}
      cancelText={t('common.cancel')}
      confirmLoading={props.mutation.isPending}
      onOk={props.onOk}
      onCancel={props.onCancel}
      {...(props.width ? { width: props.width } : {})}
      destroyOnHidden={props.destroyOnHidden ?? false}
    >
      {props.mutation.isError ? <ErrorAlert error={props.mutation.error} /> : null}
      {props.warning ? (
        <Alert type="warning" showIcon message={props.warning} style={{ marginBlockEnd: 12 }} />
      ) : null}
      {props.children}
    </Modal>
  );
}

/** The `onSuccess` of a dialog's action: the form starts empty next time, and the dialog closes. */
export function resetAndClose(form: { resetFields(): void }, onClose: () => void) {
  return {
    onSuccess: () => {
      form.resetFields();
      onClose();
    },
  };
}
