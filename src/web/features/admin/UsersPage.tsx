import { useState } from 'react';
import { App, Button, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { roles } from '../../../domain/roles.js';
import { errorMessageKey } from '../../api/client.js';
import type { Organisation } from '../../../domain/organisations.schema.js';
import type { CreateUserBody, User } from '../../../domain/users.schema.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCreateUser, useOrganisations, useResetTotp, useUsers } from './api.js';
import { ThrottlesSection } from './ThrottlesSection.js';
import { UserActions } from './UserActions.js';
import { useSession } from '../auth/api.js';
import { ActionDialog } from '../../components/ActionDialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';

function CreateUserModal({
  open,
  onClose,
  organisations,
}: {
  open: boolean;
  onClose: () => void;
  organisations: Organisation[];
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateUserBody>();
  const create = useCreateUser();
  const required = { required: true, whitespace: true, message: t('validation.required') };
  return (
    <ActionDialog
      open={open}
      title={t('admin.users.create')}
      okText={t('common.save')}
      destroyOnHidden
      mutation={create}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<CreateUserBody>
        form={form}
        layout="vertical"
        onFinish={(values) =>
          create.mutate(values, {
            onSuccess: (user) => {
              void message.success(t('admin.users.created', { username: user.username }));
              form.resetFields();
              onClose();
            },
          })
        }
      >
        <Form.Item name="orgId" label={t('admin.users.org')} rules={[required]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={organisations.map((o) => ({
              value: o.id,
              label: `${locale === 'fa' ? o.nameFa : o.nameEn} (${o.code})`,
            }))}
          />
        </Form.Item>
        <Form.Item name="role" label={t('admin.users.role')} rules={[required]}>
          <Select options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('admin.users.username')}
          extra={t('admin.users.usernameHint')}
          rules={[
            required,
            { pattern: /^[a-zA-Z0-9][a-zA-Z0-9._-]{2,49}$/, message: t('validation.invalid_format') },
          ]}
        >
          <Input dir="ltr" autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('admin.users.displayName')} rules={[required]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('admin.users.password')}
          extra={t('admin.users.passwordHint')}
          rules={[required, { min: 10, message: t('admin.users.passwordHint') }]}
        >
          <Input.Password dir="ltr" autoComplete="new-password" />
        </Form.Item>
      </Form>
    </ActionDialog>
  );
}

/** Removes a user's two-step sign-in after asking (a lost phone): they enrol again. */
function ResetTotpButton({ user }: { user: User }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const reset = useResetTotp();
  return (
    <Popconfirm
      title={t('admin.users.resetTotp')}
      description={t('admin.users.resetTotpConfirm', { username: user.username })}
      okText={t('admin.users.resetTotp')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      // antd's Popconfirm awaits a promise its onConfirm returns (the OK button spins until it settles), though
      // the prop's type says void.
      // eslint-disable-next-line @typescript-eslint/no-misused-promises
      onConfirm={() =>
        reset.mutateAsync(user.id).then(
          () => void message.success(t('admin.users.totpReset', { username: user.username })),
          (error: unknown) => void message.error(t(errorMessageKey(error))),
        )
      }
    >
      <Button size="small" danger loading={reset.isPending}>
        {t('admin.users.resetTotp')}
      </Button>
    </Popconfirm>
  );
}

/** The node's users, by organisation, and a form to add one; the throttled sign-ins below (admin). */
export function UsersPage() {
  const { t, locale } = useI18n();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const organisations = useOrganisations();
  const users = useUsers(orgId);
  const session = useSession();
  const orgs = organisations.data ?? [];
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
      <Space style={{ justifyContent: 'space-between', inlineSize: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('admin.users.title')}
        </Typography.Title>
        <Space wrap>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            aria-label={t('admin.users.org')}
            placeholder={t('admin.users.allOrgs')}
            style={{ minInlineSize: 240 }}
            value={orgId}
            onChange={setOrgId}
            options={orgs.map((o) => ({ value: o.id, label: locale === 'fa' ? o.nameFa : o.nameEn }))}
          />
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('admin.users.create')}
          </Button>
        </Space>
      </Space>
      {users.isError && <ErrorAlert error={users.error} />}
      <Table<User>
        rowKey="id"
        size="small"
        loading={users.isPending}
        dataSource={users.data ?? []}
        pagination={{ pageSize: 25, showSizeChanger: false }}
        scroll={{ x: true }}
        columns={[
          {
            key: 'username',
            title: t('admin.users.username'),
            render: (_, u) => <span className="cb-ltr">{u.username}</span>,
          },
          { key: 'displayName', title: t('admin.users.displayName'), dataIndex: 'displayName' },
          { key: 'role', title: t('admin.users.role'), render: (_, u) => t(`roles.${u.role}`) },
          {
            key: 'org',
            title: t('admin.users.org'),
            render: (_, u) => {
              const o = orgById.get(u.orgId);
              return o ? (locale === 'fa' ? o.nameFa : o.nameEn) : '—';
            },
          },
          {
            key: 'status',
            title: t('admin.users.status'),
            render: (_, u) => (
              <Space size={4}>
                {u.disabled ? (
                  <Tag color="default">{t('admin.users.disabled')}</Tag>
                ) : u.locked ? (
                  <Tag color="red">{t('admin.users.locked')}</Tag>
                ) : (
                  <Tag color="green">{t('admin.users.active')}</Tag>
                )}
                {u.mustChangePassword && <Tag color="orange">{t('admin.users.mustChangePassword')}</Tag>}
                {u.totpEnabled && <Tag color="blue">{t('admin.users.totpOn')}</Tag>}
                {u.isDemo && <Tag color="gold">{t('admin.users.demo')}</Tag>}
              </Space>
            ),
          },
          {
            key: 'actions',
            title: t('admin.users.actions'),
            render: (_, u) => (
              <Space size={4} wrap>
                <UserActions user={u} org={orgById.get(u.orgId)} self={u.id === session.data?.id} />
                {u.totpEnabled && <ResetTotpButton user={u} />}
              </Space>
            ),
          },
        ]}
      />
      <ThrottlesSection />
      <CreateUserModal open={creating} onClose={() => setCreating(false)} organisations={orgs} />
    </Space>
  );
}
