import { useState } from 'react';
import { Alert, Button, Space, Table, Typography } from 'antd';
import { errorMessageKey } from '../../api/client.js';
import type { AuditLogEntry, AuditVerification } from '../../../domain/audit.schema.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { useI18n } from '../../i18n/i18n.js';
import { useAuditLog, useVerifyAudit } from './api.js';

const PAGE_SIZE = 50;
const short = (id: string | null) => (id ? id.slice(0, 8) : '—');

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
  const { t, digits } = useI18n();
  const [page, setPage] = useState(1);
  const log = useAuditLog(page, PAGE_SIZE);
  const verify = useVerifyAudit();
  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
      <Space style={{ justifyContent: 'space-between', inlineSize: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('admin.audit.title')}
        </Typography.Title>
        <Button type="primary" loading={verify.isPending} onClick={() => verify.mutate()}>
          {t('admin.audit.verify')}
        </Button>
      </Space>
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
            render: (_, e) => (
              <Typography.Text code className="cb-ltr">
                {e.action}
              </Typography.Text>
            ),
          },
          {
            key: 'actor',
            title: t('admin.audit.actor'),
            render: (_, e) => (
              <span className="cb-ltr" title={e.actorUserId ?? undefined}>
                {short(e.actorUserId)}
              </span>
            ),
          },
          {
            key: 'resource',
            title: t('admin.audit.resource'),
            render: (_, e) => (
              <span className="cb-ltr" title={e.resourceId ?? undefined}>
                {e.resourceType} {short(e.resourceId)}
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
