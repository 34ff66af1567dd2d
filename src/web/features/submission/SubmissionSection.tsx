import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  List,
  Popconfirm,
  Space,
  Steps,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { Submission } from '../../../domain/submission/submission.schema.js';
import { errorMessageKey } from '../../api/client.js';
import type { CaseDetail } from '../../../domain/cases/case.schema.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { useI18n } from '../../i18n/i18n.js';
import { codeLabel } from '../cases/case-labels.js';
import { CaseMessageTrail } from '../messages/MessageTrail.js';
import { useApproveSubmission, usePrepareSubmission, useSubmission } from './api.js';
import { ReturnToOfficerButton } from './ReturnToOfficerDialog.js';
import { SupplementForm } from './SupplementForm.js';

const sentStatuses = ['sent', 'registered', 'returned', 'rejected'];

/** Readiness codes are keys already (`readiness.no_accused`); a bare code gets the prefix. */
const readinessKey = (code: string) => code.replace(/^readiness\./, '');

/**
 * Draft → awaiting approval: the officer's "send for approval" (with the chief's comment when the case came back),
 * the chief's "approve and send" / "return to the officer".
 */
function SendingActions({ detail }: { detail: CaseDetail }) {
  const i18n = useI18n();
  const { t } = i18n;
  const prepare = usePrepareSubmission();
  const approve = useApproveSubmission();
  const failed = [prepare, approve].find((m) => m.isError);

  if (detail.status === 'draft') {
    if (!detail.allowed.prepareSubmission) return null;
    const ready = detail.readiness.ready;
    return (
      <Space direction="vertical" style={{ inlineSize: '100%' }}>
        {detail.returnedToOfficer && (
          <Alert
            type="warning"
            showIcon
            data-testid="returned-to-officer"
            message={
              <>
                {t('submission.returnedToOfficer')} (<JalaliTime at={detail.returnedToOfficer.at} />)
              </>
            }
            description={<span style={{ whiteSpace: 'pre-wrap' }}>{detail.returnedToOfficer.comment}</span>}
          />
        )}
        <Tooltip
          title={
            ready ? undefined : (
              <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                {detail.readiness.missing.map((item) => (
                  <li key={`${item.code}:${item.path ?? ''}`}>
                    {codeLabel(i18n, 'readiness', readinessKey(item.code))}
                  </li>
                ))}
              </ul>
            )
          }
        >
          <Button
            type="primary"
            disabled={!ready}
            loading={prepare.isPending}
            onClick={() => prepare.mutate(detail.id)}
          >
            {t('submission.prepare')}
          </Button>
        </Tooltip>
        {!ready && (
          <Typography.Text type="secondary" data-testid="not-ready">
            {t('submission.notReady', { count: detail.readiness.missing.length })}
          </Typography.Text>
        )}
        {failed && <Alert type="error" showIcon message={t(errorMessageKey(failed.error))} />}
      </Space>
    );
  }

  if (detail.status === 'awaiting_approval') {
    return (
      <Space direction="vertical" style={{ inlineSize: '100%' }}>
        <Alert type="info" showIcon message={t('submission.awaitingApproval')} />
        {(detail.allowed.approveSubmission || detail.allowed.withdrawSubmission) && (
          <Space wrap>
            {detail.allowed.approveSubmission && (
              <Popconfirm
                title={t('submission.approveConfirm')}
                okText={t('submission.approve')}
                cancelText={t('common.cancel')}
                onConfirm={() => approve.mutate(detail.id)}
              >
                <Button type="primary" loading={approve.isPending}>
                  {t('submission.approve')}
                </Button>
              </Popconfirm>
            )}
            {detail.allowed.withdrawSubmission && <ReturnToOfficerButton detail={detail} />}
          </Space>
        )}
        {failed && <Alert type="error" showIcon message={t(errorMessageKey(failed.error))} />}
      </Space>
    );
  }
  return null;
}

/** The office's answer, in words: the file number, what is missing, or why it was rejected. */
function Answer({ submission }: { submission: Submission }) {
  const i18n = useI18n();
  const { t, digits } = i18n;
  if (submission.registration) {
    const r = submission.registration;
    return (
      <Descriptions size="small" column={1} bordered data-testid="registration">
        <Descriptions.Item label={t('submission.registration.fileNumber')}>
          <span className="cb-id">{digits(r.fileNumber)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('submission.registration.branch')}>{r.branch}</Descriptions.Item>
        <Descriptions.Item label={t('submission.registration.assignedJudge')}>
          {r.assignedJudge}
        </Descriptions.Item>
      </Descriptions>
    );
  }
  if (submission.deficiencies) {
    return (
      <Alert
        type="warning"
        showIcon
        message={t('submission.returnedTitle')}
        description={
          <List
            size="small"
            data-testid="deficiencies"
            dataSource={submission.deficiencies}
            renderItem={(d) => (
              <List.Item data-code={d.code}>
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>
                    {codeLabel(i18n, 'deficiency', d.code.replace(/^deficiency\./, ''))}
                  </Typography.Text>
                  {d.text && <Typography.Text>{d.text}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        }
      />
    );
  }
  if (submission.rejection) {
    const { reasons, competentOffice } = submission.rejection;
    return (
      <Alert
        type="error"
        showIcon
        message={t('submission.rejectedTitle')}
        description={
          <>
            <List
              size="small"
              data-testid="rejection-reasons"
              dataSource={reasons}
              renderItem={(r) => (
                <List.Item data-code={r.code}>
                  <Space direction="vertical" size={0}>
                    <Typography.Text strong>
                      {codeLabel(i18n, 'rejection', r.code.replace(/^rejection\./, ''))}
                    </Typography.Text>
                    {r.text && <Typography.Text>{r.text}</Typography.Text>}
                  </Space>
                </List.Item>
              )}
            />
            {competentOffice && (
              <Typography.Paragraph style={{ marginBlockStart: 8, marginBlockEnd: 0 }}>
                {t('submission.competentOffice', { office: competentOffice.name })}
              </Typography.Paragraph>
            )}
          </>
        }
      />
    );
  }
  return null;
}

/** Where the sent case stands: queued → delivered (receipt time) → the answer, and the story with times. */
export function SubmissionStatusView({ submission }: { submission: Submission }) {
  const i18n = useI18n();
  const { t } = i18n;
  const answered = ['registered', 'returned', 'rejected'].includes(submission.status);
  const current = answered ? 2 : submission.status === 'delivered' ? 1 : 0;
  const stepStatus =
    submission.status === 'rejected' ? 'error' : submission.status === 'registered' ? 'finish' : 'process';
  return (
    <Space
      direction="vertical"
      style={{ inlineSize: '100%' }}
      data-testid="submission-status"
      data-status={submission.status}
    >
      <Typography.Text>{t('submission.office', { office: submission.office.name })}</Typography.Text>
      <Steps
        size="small"
        current={current}
        status={stepStatus}
        items={[
          { title: t('submission.status.queued'), description: <JalaliTime at={submission.queuedAt} /> },
          {
            title: t('submission.status.delivered'),
            description: <JalaliTime at={submission.deliveredAt} />,
          },
          {
            title: answered
              ? codeLabel(i18n, 'submission.status', submission.status)
              : t('submission.awaitingAnswer'),
            description: <JalaliTime at={submission.answeredAt} />,
          },
        ]}
      />
      <Answer submission={submission} />
      {submission.events.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('submission.eventsTitle')}</Typography.Text>}
          dataSource={submission.events}
          renderItem={(e) => (
            <List.Item data-event={e.type}>
              <span>{codeLabel(i18n, 'submission.events', e.type)}</span>
              <JalaliTime at={e.at} />
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}

/** The sending of a case, on the case page: the steps before sending, then its status, supplements and messages. */
export function SubmissionSection({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const isSent = sentStatuses.includes(detail.status);
  const submission = useSubmission(detail.id, isSent);
  const [formKey, setFormKey] = useState(0);
  const [supplementOpen, setSupplementOpen] = useState(false);
  const [supplementSent, setSupplementSent] = useState(false);

  if (!isSent) {
    if (detail.status !== 'draft' && detail.status !== 'awaiting_approval') return null;
    return (
      <Card title={t('submission.title')} size="small" data-testid="submission-section">
        <SendingActions detail={detail} />
      </Card>
    );
  }

  const returned = detail.status === 'returned';
  const showForm = detail.allowed.supplement && (returned || supplementOpen);
  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }} data-testid="submission-section">
      <Card
        title={t('submission.title')}
        size="small"
        extra={submission.data && <Tag>{t(`submission.status.${submission.data.status}`)}</Tag>}
      >
        {submission.isPending && <Typography.Text>{t('common.loading')}</Typography.Text>}
        {submission.isError && <Alert type="error" message={t(errorMessageKey(submission.error))} />}
        {submission.data && <SubmissionStatusView submission={submission.data} />}
      </Card>
      {detail.allowed.supplement && (
        <Card
          title={t(returned ? 'submission.supplement.titleReturned' : 'submission.supplement.title')}
          size="small"
          extra={
            !returned &&
            !supplementOpen && (
              <Button size="small" onClick={() => setSupplementOpen(true)}>
                {t('submission.supplement.open')}
              </Button>
            )
          }
        >
          {supplementSent && (
            <Alert
              type="success"
              showIcon
              closable
              style={{ marginBlockEnd: 12 }}
              message={t('submission.supplement.sent')}
              onClose={() => setSupplementSent(false)}
            />
          )}
          {showForm && (
            <SupplementForm
              key={formKey}
              caseId={detail.id}
              returned={returned}
              onSent={() => {
                setSupplementSent(true);
                setFormKey((k) => k + 1);
              }}
            />
          )}
        </Card>
      )}
      <Card title={t('messages.title')} size="small">
        <CaseMessageTrail caseId={detail.id} />
      </Card>
    </Space>
  );
}
