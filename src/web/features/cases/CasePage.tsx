import { Alert, Button, Card, Col, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { ApiError, errorMessageKey } from '../../api/client.js';
import { href } from '../../app/router.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCase } from './api.js';
import { CaseSummary } from './case-page/CaseSummary.js';
import { CaseTimeline } from './case-page/CaseTimeline.js';
import { DocumentsList } from './case-page/DocumentsList.js';
import { PartiesTable } from './case-page/PartiesTable.js';
import { EditIncidentButton, PartyDialogButton } from './case-page/DraftEditing.js';
import { ReadinessChecklist } from './case-page/ReadinessChecklist.js';
import { DocumentDropzone } from './documents/DocumentDropzone.js';
import { useUploadQueue } from './documents/upload-queue.js';
import { useUploadDocument } from './api.js';
import { codeLabel } from './case-labels.js';
import { SubmissionSection } from '../submission/SubmissionSection.js';
import { CaseClocks } from '../clocks/CaseClocks.js';
import { CaseEscorts } from '../escorts/CaseEscorts.js';
import { CasePaperTransmissions } from '../rollout/CasePaperTransmissions.js';

/** One case: summary, readiness, parties and custody, documents (more can be dropped while allowed), timeline. */
export function CasePage({ id }: { id: string }) {
  const i18n = useI18n();
  const { t, digits } = i18n;
  const detail = useCase(id);
  const upload = useUploadDocument();
  const queue = useUploadQueue((vars) => upload.mutateAsync(vars));

  if (detail.isPending) return <Spin aria-label={t('common.loading')} />;
  if (detail.isError) {
    const notFound = detail.error instanceof ApiError && detail.error.status === 404;
    return <Result status={notFound ? '404' : 'error'} title={t(errorMessageKey(detail.error))} />;
  }
  const c = detail.data;

  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
      <Space wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('cases.page.title', { caseNumber: digits(c.caseNumber) })}
        </Typography.Title>
        <Tag color="blue">{codeLabel(i18n, 'cases.status', c.status)}</Tag>
        {!c.editable && <Tag>{t('cases.page.readOnly')}</Tag>}
        {c.origin === 'complaint' && c.trackingCode && (
          <Button href={href(`/cases/${c.id}/receipt`)}>{t('cases.page.receipt')}</Button>
        )}
        <Button href={href(`/cases/${c.id}/print`)}>{t('paper.openPrint')}</Button>
      </Space>
      {/* The checklist guides a draft; once the file has left, the sending section tells where it stands. */}
      {c.status === 'draft' && <ReadinessChecklist readiness={c.readiness} />}
      <SubmissionSection detail={c} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
            <Card
              title={t('cases.page.summary')}
              size="small"
              extra={c.allowed.update && <EditIncidentButton detail={c} />}
            >
              <CaseSummary detail={c} />
            </Card>
            <Card
              title={t('cases.page.parties')}
              size="small"
              extra={c.allowed.update && <PartyDialogButton detail={c} />}
            >
              <PartiesTable detail={c} />
            </Card>
            <CaseEscorts detail={c} />
            {c.allowed.recordPaper && <CasePaperTransmissions detail={c} />}
            <Card title={t('cases.page.documents')} size="small">
              <Space direction="vertical" style={{ inlineSize: '100%' }}>
                <DocumentsList detail={c} />
                {c.allowed.uploadDocument && <DocumentDropzone queue={queue} caseId={c.id} />}
                {upload.isError && queue.items.length === 0 && (
                  <Alert type="error" message={t(errorMessageKey(upload.error))} />
                )}
              </Space>
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
            <CaseClocks caseId={c.id} />
            <Card title={t('cases.page.timeline')} size="small">
              <CaseTimeline caseId={c.id} />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
