import type { HTMLAttributes } from 'react';
import { Alert, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { CaseMessage } from '../../../domain/messages/case-messages.schema.js';
import { errorMessageKey } from '../../api/client.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { useI18n } from '../../i18n/i18n.js';
import { codeLabel } from '../cases/case-labels.js';
import { useCaseMessages, useIntakeMessages } from './api.js';

const statusColors = { queued: 'gold', delivered: 'blue', accepted: 'green' } as const;

/** Is the message's signature good now and its link to the previous message of the thread intact? */
export function isMessageVerified(message: Pick<CaseMessage, 'verification'>): boolean {
  return message.verification.signature === 'valid' && message.verification.threadLinkOk;
}

/** The signature and thread checks of one message, as a badge with the details in its tooltip. */
export function MessageVerificationBadge({ message }: { message: Pick<CaseMessage, 'verification'> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const ok = isMessageVerified(message);
  return (
    <Tooltip
      title={
        <>
          {codeLabel(i18n, 'messages.signature', message.verification.signature)}
          <br />
          {t(message.verification.threadLinkOk ? 'messages.thread.ok' : 'messages.thread.broken')}
        </>
      }
    >
      <Tag color={ok ? 'success' : 'error'} data-verified={ok}>
        {t(ok ? 'messages.verified' : 'messages.notVerified')}
      </Tag>
    </Tooltip>
  );
}

/** The delivery attempts of a message still in the outbox: how many, the last error, the next try. */
function OutboxState({ outbox }: { outbox: NonNullable<CaseMessage['outbox']> }) {
  const { t } = useI18n();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} data-testid="outbox-state">
      {t('messages.outbox.attempts', { count: outbox.attempts })}
      {outbox.lastError && (
        <>
          {' · '}
          {t('messages.outbox.lastError')}{' '}
          <span className="cb-ltr" style={{ whiteSpace: 'normal' }}>
            {outbox.lastError}
          </span>
        </>
      )}
      {' · '}
      {t('messages.outbox.nextAttempt')} <JalaliTime at={outbox.nextAttemptAt} />
    </Typography.Text>
  );
}

/** A thread of signed messages, oldest first, as the organisation sees it. */
export function MessageTable({ items }: { items: CaseMessage[] }) {
  const i18n = useI18n();
  const { t, digits } = i18n;
  return (
    <Table<CaseMessage>
      size="small"
      rowKey="id"
      pagination={false}
      // Each direction is its own numbered thread (seq restarts at 1), so the trail is in time order.
      dataSource={[...items].sort(
        (a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime() || a.seq - b.seq,
      )}
      locale={{ emptyText: t('messages.empty') }}
      scroll={{ x: true }}
      onRow={(m) => ({ 'data-message-type': m.type, 'data-status': m.status }) as HTMLAttributes<HTMLElement>}
      columns={[
        { key: 'seq', title: t('messages.seq'), render: (_, _m, index) => digits(index + 1), width: 56 },
        {
          key: 'type',
          title: t('messages.type'),
          render: (_, m) => (
            <Space direction="vertical" size={0}>
              <Typography.Text strong>{codeLabel(i18n, 'messages.types', m.type)}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`messages.direction.${m.direction}`, { party: m.direction === 'out' ? m.to : m.from })}
              </Typography.Text>
            </Space>
          ),
        },
        { key: 'at', title: t('messages.createdAt'), render: (_, m) => <JalaliTime at={m.createdAt} /> },
        {
          key: 'status',
          title: t('messages.statusTitle'),
          render: (_, m) => (
            <Space direction="vertical" size={0}>
              <Tag color={statusColors[m.status]}>{codeLabel(i18n, 'messages.status', m.status)}</Tag>
              {m.receiptAt && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('messages.receiptAt')} <JalaliTime at={m.receiptAt} />
                </Typography.Text>
              )}
              {m.status === 'queued' && m.outbox && <OutboxState outbox={m.outbox} />}
            </Space>
          ),
        },
        {
          key: 'verification',
          title: t('messages.verification'),
          render: (_, m) => <MessageVerificationBadge message={m} />,
        },
        {
          key: 'hash',
          title: t('messages.sha256'),
          render: (_, m) => (
            <Typography.Text type="secondary" className="cb-ltr" style={{ fontSize: 11 }} title={m.sha256}>
              {m.sha256.slice(0, 12)}…
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

function TrailResult({ query }: { query: ReturnType<typeof useCaseMessages> }) {
  const { t } = useI18n();
  if (query.isError) return <Alert type="error" message={t(errorMessageKey(query.error))} />;
  return query.isPending ? (
    <Typography.Text>{t('common.loading')}</Typography.Text>
  ) : (
    <MessageTable items={query.data.items} />
  );
}

/** The message trail of a station's case (GET /api/cases/:id/messages). */
export function CaseMessageTrail({ caseId }: { caseId: string }) {
  return <TrailResult query={useCaseMessages(caseId)} />;
}

/** The message trail of an office's intake file (GET /api/intake/:id/messages). */
export function IntakeMessageTrail({ intakeId }: { intakeId: string }) {
  return <TrailResult query={useIntakeMessages(intakeId)} />;
}
