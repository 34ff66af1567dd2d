import type { KeyboardEvent, ReactNode } from 'react';
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
  /**
   * Enter in a field of the dialog takes its action (Esc closes it: antd's Modal). Not in a multi-line
   * field, not while an input method composes a word, not on an open list (Enter picks the option), not
   * on a button (Enter presses it), and not while the action is disabled or already running.
   */
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    // A field that used the Enter itself (a list picking its option) said so.
    if (event.defaultPrevented) return;
    const target = event.target as HTMLElement;
    if (target.tagName === 'TEXTAREA' || target.tagName === 'BUTTON') return;
    if (target.getAttribute('aria-expanded') === 'true') return;
    if (props.okDisabled || props.mutation.isPending) return;
    event.preventDefault();
    props.onOk();
  };
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
      <div onKeyDown={onKeyDown}>{props.children}</div>
    </Modal>
  );
}

/**
 * The `onSuccess` of a dialog's action: the form starts empty next time, its kept draft (`useFormDraft`) is
 * dropped, and the dialog closes.
 */
export function resetAndClose(form: { resetFields(): void }, onClose: () => void, draft?: { clear(): void }) {
  return {
    onSuccess: () => {
      form.resetFields();
      draft?.clear();
      onClose();
    },
  };
}
