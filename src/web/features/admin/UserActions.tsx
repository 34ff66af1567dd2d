import { useState } from 'react';
import { Alert, App, Button, Form, Modal, Popconfirm, Select, Space, Typography } from 'antd';
import { rolesOfKind, type Role } from '../../../domain/roles.js';
import type { Organisation } from '../../../domain/organisations.schema.js';
import type { User } from '../../../domain/users.schema.js';
import { errorMessageKey } from '../../api/client.js';
import { ActionDialog } from '../../components/ActionDialog.js';
import { useI18n } from '../../i18n/i18n.js';
import { useChangeRole, useResetPassword, useUserStep } from './api.js';

/** A step on a user after asking: disable, enable or unlock; the answer said in a message. */
function StepButton({
  user,
  step,
  danger,
}: {
  user: User;
  step: 'disable' | 'enable' | 'unlock';
  danger?: boolean;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const mutation = useUserStep(step);
  return (
    <Popconfirm
      title={t(`admin.users.steps.${step}`)}
      description={t(`admin.users.steps.${step}Confirm`, { username: user.username })}
      okText={t(`admin.users.steps.${step}`)}
      okButtonProps={{ danger: danger ?? false }}
      cancelText={t('common.cancel')}
      // antd's Popconfirm awaits a promise its onConfirm returns, though the prop's type says void.
      // eslint-disable-next-line @typescript-eslint/no-misused-promises
      onConfirm={() =>
        mutation.mutateAsync(user.id).then(
          () => void message.success(t(`admin.users.steps.${step}Done`, { username: user.username })),
          (error: unknown) => void message.error(t(errorMessageKey(error))),
        )
      }
    >
      <Button size="small" danger={danger ?? false} loading={mutation.isPending}>
        {t(`admin.users.steps.${step}`)}
      </Button>
    </Popconfirm>
  );
}

/** Resets a user's password after asking, and shows the one-time password once, to hand to the user. */
function ResetPasswordButton({ user }: { user: User }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const reset = useResetPassword();
  const [shown, setShown] = useState<string | null>(null);
  return (
    <>
      <Popconfirm
        title={t('admin.users.steps.resetPassword')}
        description={t('admin.users.steps.resetPasswordConfirm', { username: user.username })}
        okText={t('admin.users.steps.resetPassword')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        // eslint-disable-next-line @typescript-eslint/no-misused-promises
        onConfirm={() =>
          reset.mutateAsync(user.id).then(
            (answer) => setShown(answer.oneTimePassword),
            (error: unknown) => void message.error(t(errorMessageKey(error))),
          )
        }
      >
        <Button size="small" loading={reset.isPending}>
          {t('admin.users.steps.resetPassword')}
        </Button>
      </Popconfirm>
      <Modal
        open={shown !== null}
        title={t('admin.users.oneTimePassword.title', { username: user.username })}
        onOk={() => setShown(null)}
        onCancel={() => setShown(null)}
        okText={t('admin.users.oneTimePassword.kept')}
        cancelButtonProps={{ style: { display: 'none' } }}
        destroyOnHidden
      >
        <Alert type="warning" showIcon message={t('admin.users.oneTimePassword.once')} />
        <Typography.Paragraph
          copyable
          data-testid="one-time-password"
          className="cb-ltr"
          style={{ fontSize: 22, textAlign: 'center', marginBlock: 16 }}
        >
          {shown}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}

/** Changes a user's role to one its organisation's kind allows. */
function ChangeRoleButton({ user, org }: { user: User; org: Organisation | undefined }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ role: Role }>();
  const change = useChangeRole();
  const allowed = org ? rolesOfKind[org.kind] : [];
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {t('admin.users.steps.changeRole')}
      </Button>
      <ActionDialog
        open={open}
        title={t('admin.users.steps.changeRoleOf', { username: user.username })}
        okText={t('common.save')}
        destroyOnHidden
        mutation={change}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
      >
        <Form<{ role: Role }>
          form={form}
          layout="vertical"
          initialValues={{ role: user.role }}
          onFinish={({ role }) =>
            change.mutate(
              { userId: user.id, role },
              {
                onSuccess: () => {
                  void message.success(t('admin.users.steps.changeRoleDone', { username: user.username }));
                  setOpen(false);
                },
              },
            )
          }
        >
          <Form.Item name="role" label={t('admin.users.role')} rules={[{ required: true }]}>
            <Select options={allowed.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
          </Form.Item>
        </Form>
      </ActionDialog>
    </>
  );
}

/** What an administrator may do to a user (not to their own account: another administrator does). */
export function UserActions({
  user,
  org,
  self,
}: {
  user: User;
  org: Organisation | undefined;
  self: boolean;
}) {
  if (self) return null;
  return (
    <Space size={4} wrap>
      {user.disabled ? (
        <StepButton user={user} step="enable" />
      ) : (
        <StepButton user={user} step="disable" danger />
      )}
      {user.locked && <StepButton user={user} step="unlock" />}
      <ResetPasswordButton user={user} />
      <ChangeRoleButton user={user} org={org} />
    </Space>
  );
}
