import { Alert, Button, Drawer, Form, Input, Select, Space, Table, Tag } from 'antd';
import type { Organisation } from '../../../domain/organisations.schema.js';
import {
  officeListKinds,
  type AddOfficeListEntryBody,
  type OfficeListEntry,
} from '../../../domain/intake/office-lists.schema.js';
import { errorMessageKey } from '../../api/client.js';
import { useI18n } from '../../i18n/i18n.js';
import { useOfficeListChange, useOfficeLists } from './office-lists-admin-api.js';

/**
 * A prosecutor's office's branches and دادیاران, kept by the admin: added, retired and brought back (never
 * deleted: registered files keep the names they were given).
 */
export function OfficeListsDrawer({ org, onClose }: { org: Organisation; onClose: () => void }) {
  const { t, locale } = useI18n();
  const lists = useOfficeLists(org.id);
  const { add, update } = useOfficeListChange(org.id);
  const [form] = Form.useForm<AddOfficeListEntryBody>();
  const entries = [...(lists.data?.branches ?? []), ...(lists.data?.staff ?? [])];
  const failed = [add, update, lists].find((m) => m.isError);
  return (
    <Drawer
      open
      width={560}
      title={t('officeLists.title', { name: locale === 'fa' ? org.nameFa : org.nameEn })}
      onClose={onClose}
    >
      <Space direction="vertical" style={{ inlineSize: '100%' }}>
        <Form<AddOfficeListEntryBody>
          form={form}
          layout="inline"
          initialValues={{ kind: 'branch' }}
          onFinish={(body) => add.mutate(body, { onSuccess: () => form.resetFields(['name']) })}
        >
          <Form.Item name="kind" label={t('officeLists.kind')}>
            <Select
              style={{ minInlineSize: 130 }}
              options={officeListKinds.map((k) => ({ value: k, label: t(`officeLists.kinds.${k}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('officeLists.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t('officeLists.add')}
          </Button>
        </Form>
        {failed && <Alert type="error" showIcon message={t(errorMessageKey(failed.error))} />}
        <Table<OfficeListEntry>
          rowKey="id"
          size="small"
          loading={lists.isPending}
          dataSource={entries}
          pagination={false}
          columns={[
            { key: 'kind', title: t('officeLists.kind'), render: (_, e) => t(`officeLists.kinds.${e.kind}`) },
            { key: 'name', title: t('officeLists.name'), dataIndex: 'name' },
            {
              key: 'active',
              title: t('officeLists.state'),
              render: (_, e) =>
                e.active ? (
                  <Tag color="green">{t('officeLists.active')}</Tag>
                ) : (
                  <Tag>{t('officeLists.retired')}</Tag>
                ),
            },
            {
              key: 'actions',
              title: t('admin.users.actions'),
              render: (_, e) => (
                <Button
                  size="small"
                  loading={update.isPending && update.variables.id === e.id}
                  onClick={() => update.mutate({ id: e.id, body: { active: !e.active } })}
                >
                  {e.active ? t('officeLists.retire') : t('officeLists.restore')}
                </Button>
              ),
            },
          ]}
        />
      </Space>
    </Drawer>
  );
}
