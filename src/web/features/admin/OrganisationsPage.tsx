import { useState } from 'react';
import { OfficeListsDrawer } from './OfficeListsDrawer.js';
import { App, Button, Card, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { isPoliceUnit, organisationKinds } from '../../../domain/roles.js';
import type {
  CreateOrganisationBody,
  Organisation,
  UpdateOrganisationBody,
} from '../../../domain/organisations.schema.js';
import { useI18n, type Locale } from '../../i18n/i18n.js';
import { useCounties, useProvinces } from '../reference/api.js';
import { referenceName, referenceOptions } from '../reference/reference-name.js';
import { useCreateOrganisation, useOrganisations, useSetJurisdiction, useUpdateOrganisation } from './api.js';
import { ActionDialog } from '../../components/ActionDialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';

const orgName = (o: Organisation, locale: Locale) => (locale === 'fa' ? o.nameFa : o.nameEn);
const search = { showSearch: true, optionFilterProp: 'label' } as const;

function CreateOrganisationModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateOrganisationBody>();
  const province = Form.useWatch('provinceCode', form);
  const provinces = useProvinces();
  const counties = useCounties();
  const create = useCreateOrganisation();
  const required = { required: true, whitespace: true, message: t('validation.required') };
  return (
    <ActionDialog
      open={open}
      title={t('admin.organisations.create')}
      okText={t('common.save')}
      destroyOnHidden
      mutation={create}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<CreateOrganisationBody>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'station' }}
        onFinish={(values) =>
          create.mutate(
            { ...values, code: values.code.trim().toUpperCase() },
            {
              onSuccess: (org) => {
                void message.success(t('admin.organisations.created', { code: org.code }));
                form.resetFields();
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="code"
          label={t('admin.organisations.code')}
          extra={t('admin.organisations.codeHint')}
          rules={[
            required,
            { pattern: /^[A-Za-z0-9][A-Za-z0-9-]{1,31}$/, message: t('validation.invalid_format') },
          ]}
        >
          <Input dir="ltr" />
        </Form.Item>
        <Form.Item name="kind" label={t('admin.organisations.kind')} rules={[required]}>
          <Select
            options={organisationKinds.map((k) => ({ value: k, label: t(`admin.organisations.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="nameFa" label={t('admin.organisations.nameFa')} rules={[required]}>
          <Input dir="rtl" lang="fa" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('admin.organisations.nameEn')} rules={[required]}>
          <Input dir="ltr" lang="en" />
        </Form.Item>
        <Form.Item name="provinceCode" label={t('admin.organisations.province')} rules={[required]}>
          <Select
            {...search}
            options={referenceOptions(provinces.data, locale)}
            onChange={() => form.setFieldValue('countyCode', undefined)}
          />
        </Form.Item>
        <Form.Item name="countyCode" label={t('admin.organisations.county')} rules={[required]}>
          <Select
            {...search}
            options={referenceOptions(
              (counties.data ?? []).filter((c) => !province || c.provinceCode === province),
              locale,
            )}
          />
        </Form.Item>
      </Form>
    </ActionDialog>
  );
}

/** Changes an organisation's names, county (in its province) or hosting node (PATCH /api/organisations/:id). */
function EditOrganisationModal({ org, onClose }: { org: Organisation; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<UpdateOrganisationBody>();
  const counties = useCounties();
  const update = useUpdateOrganisation();
  const required = { required: true, whitespace: true, message: t('validation.required') };
  return (
    <ActionDialog
      open
      title={t('admin.organisations.editOf', { code: org.code })}
      okText={t('common.save')}
      destroyOnHidden
      mutation={update}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<UpdateOrganisationBody>
        form={form}
        layout="vertical"
        initialValues={{
          nameFa: org.nameFa,
          nameEn: org.nameEn,
          countyCode: org.countyCode,
          nodeId: org.nodeId,
        }}
        onFinish={(values) =>
          update.mutate(
            { id: org.id, body: values },
            {
              onSuccess: () => {
                void message.success(t('admin.organisations.edited', { code: org.code }));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item name="nameFa" label={t('admin.organisations.nameFa')} rules={[required]}>
          <Input dir="rtl" lang="fa" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('admin.organisations.nameEn')} rules={[required]}>
          <Input dir="ltr" lang="en" />
        </Form.Item>
        <Form.Item name="countyCode" label={t('admin.organisations.county')} rules={[required]}>
          <Select
            {...search}
            options={referenceOptions(
              (counties.data ?? []).filter((c) => c.provinceCode === org.provinceCode),
              locale,
            )}
          />
        </Form.Item>
        <Form.Item
          name="nodeId"
          label={t('admin.organisations.node')}
          extra={t('admin.organisations.nodeHint')}
          rules={[required]}
        >
          <Input dir="ltr" />
        </Form.Item>
      </Form>
    </ActionDialog>
  );
}

interface JurisdictionForm {
  scope: 'county' | 'station';
  countyCode?: string;
  stationId?: string;
  prosecutorOfficeId: string;
}

/** County → competent prosecutor's office, or a single station's exception (PUT /api/jurisdiction). */
function JurisdictionCard({ organisations }: { organisations: Organisation[] }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<JurisdictionForm>();
  const scope = Form.useWatch('scope', form);
  const counties = useCounties();
  const setRule = useSetJurisdiction();
  const offices = organisations.filter((o) => o.kind === 'prosecutor_office');
  const stations = organisations.filter((o) => isPoliceUnit(o.kind));
  const option = (o: Organisation) => ({ value: o.id, label: `${orgName(o, locale)} (${o.code})` });
  const required = { required: true, message: t('validation.required') };
  return (
    <Card size="small" title={t('admin.jurisdiction.title')}>
      <Typography.Paragraph type="secondary">{t('admin.jurisdiction.intro')}</Typography.Paragraph>
      <Form<JurisdictionForm>
        form={form}
        layout="vertical"
        initialValues={{ scope: 'county' }}
        onFinish={({ scope: s, countyCode, stationId, prosecutorOfficeId }) =>
          setRule.mutate(
            s === 'station'
              ? { stationId: stationId!, prosecutorOfficeId }
              : { countyCode: countyCode!, prosecutorOfficeId },
            { onSuccess: () => void message.success(t('admin.jurisdiction.saved')) },
          )
        }
      >
        <Form.Item name="scope" label={t('admin.jurisdiction.scope')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'county', label: t('admin.jurisdiction.byCounty') },
              { value: 'station', label: t('admin.jurisdiction.byStation') },
            ]}
          />
        </Form.Item>
        {scope === 'station' ? (
          <Form.Item name="stationId" label={t('admin.jurisdiction.station')} rules={[required]}>
            <Select {...search} options={stations.map(option)} />
          </Form.Item>
        ) : (
          <Form.Item name="countyCode" label={t('admin.jurisdiction.county')} rules={[required]}>
            <Select {...search} options={referenceOptions(counties.data, locale)} />
          </Form.Item>
        )}
        <Form.Item name="prosecutorOfficeId" label={t('admin.jurisdiction.office')} rules={[required]}>
          <Select {...search} options={offices.map(option)} />
        </Form.Item>
        {setRule.isError && <ErrorAlert error={setRule.error} />}
        <Button type="primary" htmlType="submit" loading={setRule.isPending}>
          {t('admin.jurisdiction.save')}
        </Button>
      </Form>
    </Card>
  );
}

/** The node's organisations (list, create) and the jurisdiction rules between them. */
export function OrganisationsPage() {
  const { t, locale } = useI18n();
  const organisations = useOrganisations();
  const provinces = useProvinces();
  const counties = useCounties();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Organisation | null>(null);
  const [listsOf, setListsOf] = useState<Organisation | null>(null);
  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
      <Space style={{ justifyContent: 'space-between', inlineSize: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('admin.organisations.title')}
        </Typography.Title>
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('admin.organisations.create')}
        </Button>
      </Space>
      {organisations.isError && <ErrorAlert error={organisations.error} />}
      <Table<Organisation>
        rowKey="id"
        size="small"
        loading={organisations.isPending}
        dataSource={organisations.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: true }}
        columns={[
          {
            key: 'code',
            title: t('admin.organisations.code'),
            render: (_, o) => <span className="cb-ltr">{o.code}</span>,
          },
          { key: 'name', title: t('admin.organisations.nameFa'), render: (_, o) => orgName(o, locale) },
          {
            key: 'kind',
            title: t('admin.organisations.kind'),
            render: (_, o) => (
              <Space size={4}>
                <Tag>{t(`admin.organisations.kinds.${o.kind}`)}</Tag>
                {o.isDemo && <Tag color="gold">{t('admin.organisations.demo')}</Tag>}
              </Space>
            ),
          },
          {
            key: 'place',
            title: t('admin.organisations.county'),
            render: (_, o) =>
              `${referenceName(counties.data, o.countyCode, locale)} · ${referenceName(provinces.data, o.provinceCode, locale)}`,
          },
          {
            key: 'node',
            title: t('admin.organisations.node'),
            render: (_, o) => <span className="cb-ltr">{o.nodeId}</span>,
          },
          {
            key: 'actions',
            title: t('admin.users.actions'),
            render: (_, o) => (
              <Space>
                <Button size="small" onClick={() => setEditing(o)}>
                  {t('admin.organisations.edit')}
                </Button>
                {o.kind === 'prosecutor_office' && (
                  <Button size="small" onClick={() => setListsOf(o)}>
                    {t('officeLists.open')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <JurisdictionCard organisations={organisations.data ?? []} />
      <CreateOrganisationModal open={creating} onClose={() => setCreating(false)} />
      {editing && <EditOrganisationModal key={editing.id} org={editing} onClose={() => setEditing(null)} />}
      {listsOf && <OfficeListsDrawer key={listsOf.id} org={listsOf} onClose={() => setListsOf(null)} />}
    </Space>
  );
}
