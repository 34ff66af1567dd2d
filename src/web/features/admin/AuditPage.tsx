import { useState } from 'react';
import { Alert, Button, Form, Input, Select, Space, Table, Typography } from 'antd';
import { errorMessageKey } from '../../api/client.js';
import type { AuditLogEntry, AuditVerification } from '../../../domain/audit.schema.js';
import { auditActionLabel } from '../../../domain/audit-action-labels.js';
import { auditActions } from '../../../domain/audit-actions.js';
import { roleMay } from '../../../domain/permissions.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { navigate, routeQuery, usePath, withQuery } from '../../app/router.js';
import { useI18n } from '../../i18n/i18n.js';
import { useSession } from '../auth/api.js';
import { auditQuery, useAuditLog, useOrganisations, useUsers, useVerifyAudit } from './api.js';
import {
  apiFilter,
  filterFromQuery,
  filterToQuery,
  isJalaliDay,
  type AuditScreenFilter,
} from './audit-filters.js';

const PAGE_SIZE = 50;
const short = (id: string | null) => (id ? id.slice(0, 8) : '—');

/** The filters of the log, kept in the URL (`#/admin/audit?action=…&fromDay=1405/09/01`). */
function AuditFilters({ filter }: { filter: AuditScreenFilter }) {
  const { t, locale } = useI18n();
  const session = useSession();
  // The user filter lists users by name: only for whoever may read the users (the server checks again).
  const mayListUsers = !!session.data && roleMay(session.data.role, 'user.manage');
  const users = useUsers(undefined, mayListUsers);
  const organisations = useOrganisations();
  const [form] = Form.useForm<AuditScreenFilter>();
  const dayRule = {
    validator: (_: unknown, value: string | undefined) =>
      !value || isJalaliDay(value) ? Promise.resolve() : Promise.reject(new Error(t('admin.audit.badDay'))),
  };
  return (
    <Form<AuditScreenFilter>
      form={form}
      layout="inline"
      initialValues={filter}
      onFinish={(values) => navigate(withQuery('/admin/audit', filterToQuery(values)))}
      style={{ rowGap: 8 }}
    >
      {mayListUsers && (
        <Form.Item name="actorUserId" label={t('admin.audit.actor')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ minInlineSize: 200 }}
            options={(users.data ?? []).map((u) => ({
              value: u.id,
              label: `${u.displayName} (${u.username})`,
            }))}
          />
        </Form.Item>
      )}
      <Form.Item name="orgId" label={t('admin.audit.org')}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ minInlineSize: 200 }}
          options={(organisations.data ?? []).map((o) => ({
            value: o.id,
            label: locale === 'fa' ? o.nameFa : o.nameEn,
          }))}
        />
      </Form.Item>
      <Form.Item name="action" label={t('admin.audit.action')}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ minInlineSize: 220 }}
          options={auditActions.map((a) => ({ value: a, label: auditActionLabel(a, locale) }))}
        />
      </Form.Item>
      <Form.Item name="caseNumber" label={t('admin.audit.caseNumber')}>
        <Input allowClear placeholder={t('admin.audit.caseNumberHint')} style={{ inlineSize: 150 }} />
      </Form.Item>
      <Form.Item name="fromDay" label={t('admin.audit.fromDay')} rules={[dayRule]}>
        <Input allowClear placeholder={t('admin.audit.dayHint')} style={{ inlineSize: 130 }} />
      </Form.Item>
      <Form.Item name="toDay" label={t('admin.audit.toDay')} rules={[dayRule]}>
        <Input allowClear placeholder={t('admin.audit.dayHint')} style={{ inlineSize: 130 }} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit">
          {t('admin.audit.apply')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            navigate('/admin/audit');
          }}
        >
          {t('admin.audit.clear')}
        </Button>
      </Space>
    </Form>
  );
}

function VerificationResult({ result }: { result: AuditVerification }) {
  const { t } = useI18n();
  if (result.ok)
    return (
      <Alert
        type="success"
        showIcon
        data-testid="audit-verification"
        data-ok="true"
        message={t('admin.audit.verifyOk', { count: result.entries })}
      />
    );
  return (
    <Alert
      type="error"
      showIcon
      data-testid="audit-verification"
      data-ok="false"
      message={t('admin.audit.verifyBad', { seq: result.firstBadSeq })}
      description={t(`admin.audit.reasons.${result.reason}`)}
    />
  );
}

/** The audit log, newest first, and a button that verifies its whole hash chain. */
export function AuditPage() {
  const { t, digits, locale } = useI18n();
  const path = usePath();
  const screenFilter = filterFromQuery(routeQuery(path));
  const filter = apiFilter(screenFilter);
  // A new filter starts at the first page.
  const [paged, setPaged] = useState({ path, page: 1 });
  const page = paged.path === path ? paged.page : 1;
  const setPage = (next: number) => setPaged({ path, page: next });
  const log = useAuditLog(filter, page, PAGE_SIZE);
  const verify = useVerifyAudit();
  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
      <Space style={{ justifyContent: 'space-between', inlineSize: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('admin.audit.title')}
        </Typography.Title>
        <Space>
          <Button href={`/api/audit/export.csv${auditQuery(filter)}`} download>
            {t('admin.audit.export')}
          </Button>
          <Button type="primary" loading={verify.isPending} onClick={() => verify.mutate()}>
            {t('admin.audit.verify')}
          </Button>
        </Space>
      </Space>
      <AuditFilters key={path} filter={screenFilter} />
      <Typography.Text type="secondary">{t('admin.audit.intro')}</Typography.Text>
      {verify.data && <VerificationResult result={verify.data} />}
      {verify.isError && <Alert type="error" showIcon message={t(errorMessageKey(verify.error))} />}
      {log.isError && <Alert type="error" showIcon message={t(errorMessageKey(log.error))} />}
      <Table<AuditLogEntry>
        rowKey="seq"
        size="small"
        loading={log.isPending}
        dataSource={log.data?.items ?? []}
        scroll={{ x: true }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: log.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (total) => t('admin.audit.total', { count: total }),
        }}
        columns={[
          { key: 'seq', title: t('admin.audit.seq'), render: (_, e) => digits(e.seq) },
          { key: 'at', title: t('admin.audit.at'), render: (_, e) => <JalaliTime at={e.at} /> },
          {
            key: 'action',
            title: t('admin.audit.action'),
            render: (_, e) => <span title={e.action}>{auditActionLabel(e.action, locale)}</span>,
          },
          {
            key: 'actor',
            title: t('admin.audit.actor'),
            render: (_, e) =>
              e.actorName ? (
                <span title={e.actorUsername ?? undefined}>{e.actorName}</span>
              ) : (
                <span className="cb-ltr" title={e.actorUserId ?? undefined}>
                  {short(e.actorUserId)}
                </span>
              ),
          },
          {
            key: 'org',
            title: t('admin.audit.org'),
            render: (_, e) => (locale === 'fa' ? e.orgNameFa : e.orgNameEn) ?? '—',
          },
          {
            key: 'resource',
            title: t('admin.audit.resource'),
            render: (_, e) => (
              <span title={e.resourceId ?? undefined}>
                {t(`admin.audit.resources.${e.resourceType}`)}{' '}
                <span className="cb-ltr">{short(e.resourceId)}</span>
              </span>
            ),
          },
          {
            key: 'ip',
            title: t('admin.audit.ip'),
            render: (_, e) => <span className="cb-ltr">{e.ip ?? '—'}</span>,
          },
          {
            key: 'hash',
            title: t('admin.audit.hash'),
            render: (_, e) => (
              <Typography.Text type="secondary" className="cb-ltr" style={{ fontSize: 11 }} title={e.hash}>
                {e.hash.slice(0, 12)}…
              </Typography.Text>
            ),
          },
        ]}
      />
    </Space>
  );
}
