import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  List,
  Result,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { IntakeDetail } from '../../../domain/intake/intake.schema.js';
import type { PartySnapshot } from '../../../domain/messages/bodies.js';
import { ApiError, errorMessageKey } from '../../api/client.js';
import { CustodyCountdown } from '../../components/CustodyCountdown.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { useI18n } from '../../i18n/i18n.js';
import { codeLabel } from '../cases/case-labels.js';
import { IntakeMessageTrail } from '../messages/MessageTrail.js';
import { useOrderList } from '../orders/api.js';
import { IssueOrderDialog } from '../orders/IssueOrderDialog.js';
import { OrderCard } from '../orders/OrderCard.js';
import { sortOrders } from '../orders/order-tracker.js';
import { useCounties, useCrimeCategories, useProvinces } from '../reference/api.js';
import { referenceName } from '../reference/reference-name.js';
import { useIntakeFile } from './api.js';
import { IntakeDocuments } from './IntakeDocuments.js';
import { RegisterDialog, RejectDialog, ReturnDialog } from './decisions/DecisionDialogs.js';
import { intakeStatusColors } from './IntakeQueuePage.js';
import { VerificationBadge } from './VerificationBadge.js';

const CUSTODY_MS = 24 * 3600_000;
/** Every breakpoint named: antd gives the ones a map leaves out 3 columns, too narrow here. */
const TWO_COLUMNS = { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 };

function PartiesTable({ file }: { file: IntakeDetail }) {
  const { t, digits } = useI18n();
  const id = (v: string | null) => (v ? <span className="cb-ltr">{digits(v)}</span> : t('common.none'));
  return (
    <Table<PartySnapshot>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={file.parties}
      scroll={{ x: true }}
      columns={[
        {
          key: 'role',
          title: t('parties.fields.role'),
          render: (_, p) => <Tag>{t(`parties.roles.${p.role}`)}</Tag>,
        },
        { key: 'name', title: t('parties.fields.name'), render: (_, p) => `${p.firstName} ${p.lastName}` },
        {
          key: 'father',
          title: t('parties.fields.fatherName'),
          render: (_, p) => p.fatherName ?? t('common.none'),
        },
        {
          key: 'nid',
          title: t('parties.fields.nationalId'),
          render: (_, p) => id(p.nationalId ?? p.passportNumber),
        },
        { key: 'mobile', title: t('parties.fields.mobile'), render: (_, p) => id(p.mobile) },
        {
          key: 'custody',
          title: t('intake.fields.custody'),
          render: (_, p) =>
            file.custody
              .filter((c) => c.partyId === p.id)
              .map((c) => (
                <div key={c.id}>
                  {t('custody.since')} <JalaliTime at={c.startedAt} />{' '}
                  <CustodyCountdown
                    deadlineAt={new Date(new Date(c.startedAt).getTime() + CUSTODY_MS).toISOString()}
                    endedAt={c.endedAt}
                  />
                </div>
              )),
        },
      ]}
    />
  );
}

/** The clerk's answer as recorded, once the file is decided. */
function DecisionSummary({ file }: { file: IntakeDetail }) {
  const i18n = useI18n();
  const { t, digits } = i18n;
  if (file.status === 'registered') {
    return (
      <Descriptions size="small" column={1} bordered data-testid="registration">
        <Descriptions.Item label={t('intake.register.fileNumber')}>
          <span className="cb-id">{file.fileNumber ? digits(file.fileNumber) : t('common.none')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('intake.register.branch')}>
          {file.branch ?? t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('intake.register.assignedJudge')}>
          {file.assignedJudge ?? t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('intake.fields.decidedAt')}>
          <JalaliTime at={file.decidedAt} />
        </Descriptions.Item>
      </Descriptions>
    );
  }
  const items = (file.decision?.['deficiencies'] ?? file.decision?.['reasons']) as
    { code: string; text: string }[] | undefined;
  if (!items) return null;
  return (
    <List
      size="small"
      header={<JalaliTime at={file.decidedAt} />}
      dataSource={items}
      renderItem={(r) => {
        const at = r.code.indexOf('.');
        return (
          <List.Item data-code={r.code}>
            <Space direction="vertical" size={0}>
              <Typography.Text strong>
                {codeLabel(i18n, r.code.slice(0, at), r.code.slice(at + 1))}
              </Typography.Text>
              {r.text && <Typography.Text>{r.text}</Typography.Text>}
            </Space>
          </List.Item>
        );
      }}
    />
  );
}

function FileOrders({ file, onIssue }: { file: IntakeDetail; onIssue?: (() => void) | undefined }) {
  const { t } = useI18n();
  const orders = useOrderList({ intakeFileId: file.id });
  const mine = sortOrders(orders.data?.items ?? [], new Date());
  return (
    <Card
      size="small"
      title={t('orders.ofFile')}
      extra={
        onIssue && (
          <Button type="primary" size="small" onClick={onIssue}>
            {t('orders.issue.open')}
          </Button>
        )
      }
    >
      {orders.isError && <Alert type="error" message={t(errorMessageKey(orders.error))} />}
      {mine.length === 0 ? (
        <Typography.Text type="secondary">{t('orders.tracker.empty')}</Typography.Text>
      ) : (
        <Space direction="vertical" style={{ inlineSize: '100%' }}>
          {mine.map((o) => (
            <OrderCard key={o.orderId} order={o} />
          ))}
        </Space>
      )}
    </Card>
  );
}

/** An incoming file: what the station sent, its verification, and the clerk's and judge's actions. */
export function IntakeFilePage({ id }: { id: string }) {
  const i18n = useI18n();
  const { t, digits, locale } = i18n;
  const file = useIntakeFile(id);
  const categories = useCrimeCategories();
  const provinces = useProvinces();
  const counties = useCounties();
  const [dialog, setDialog] = useState<'register' | 'return' | 'reject' | 'order' | null>(null);
  const close = () => setDialog(null);

  if (file.isPending) return <Spin aria-label={t('common.loading')} />;
  if (file.isError) {
    const notFound = file.error instanceof ApiError && file.error.status === 404;
    return <Result status={notFound ? '404' : 'error'} title={t(errorMessageKey(file.error))} />;
  }
  const f = file.data;
  const { allowed } = f;
  const decides = allowed.register || allowed.return || allowed.reject;
  const showDecision = f.status !== 'received';
  // Orders are issued on registered files only, so only they have orders to show.
  const showOrders = f.status === 'registered';
  // Until there is a decision or an order to show, the file takes the whole width.
  const hasSide = showDecision || showOrders;
  const place = [
    referenceName(provinces.data, f.incidentProvinceCode, locale),
    referenceName(counties.data, f.incidentCountyCode, locale),
  ]
    .filter(Boolean)
    .join(locale === 'fa' ? '، ' : ', ');

  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
      <Space wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('intake.file.title', { caseNumber: digits(f.caseNumber) })}
        </Typography.Title>
        <Tag color={intakeStatusColors[f.status]}>{codeLabel(i18n, 'intake.status', f.status)}</Tag>
        {f.custodyDeadlineAt && f.inCustody && <CustodyCountdown deadlineAt={f.custodyDeadlineAt} />}
      </Space>
      <VerificationBadge file={f} />
      {decides && (
        <Space wrap data-testid="clerk-actions">
          {allowed.register && (
            <Button type="primary" onClick={() => setDialog('register')}>
              {t('intake.register.open')}
            </Button>
          )}
          {allowed.return && <Button onClick={() => setDialog('return')}>{t('intake.return.open')}</Button>}
          {allowed.reject && (
            <Button danger onClick={() => setDialog('reject')}>
              {t('intake.reject.open')}
            </Button>
          )}
        </Space>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={hasSide ? 16 : 24}>
          <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
            <Card size="small" title={t('intake.file.summary')}>
              <Descriptions size="small" column={TWO_COLUMNS}>
                <Descriptions.Item label={t('intake.fields.station')}>
                  {f.station.name} (<span className="cb-ltr">{digits(f.station.code)}</span>)
                </Descriptions.Item>
                <Descriptions.Item label={t('intake.fields.caseNumber')}>
                  <span className="cb-ltr">{digits(f.caseNumber)}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('cases.fields.origin')}>
                  {codeLabel(i18n, 'cases.origin', f.origin)}
                </Descriptions.Item>
                {f.trackingCode && (
                  <Descriptions.Item label={t('cases.fields.trackingCode')}>
                    <span className="cb-ltr">{digits(f.trackingCode)}</span>
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('intake.fields.crimeCategory')}>
                  {referenceName(categories.data, f.crimeCategoryCode, locale)}
                </Descriptions.Item>
                <Descriptions.Item label={t('cases.fields.incidentAt')}>
                  {f.incidentAt ? <JalaliTime at={f.incidentAt} /> : t('common.none')}
                </Descriptions.Item>
                <Descriptions.Item label={t('cases.fields.place')}>
                  {place || t('common.none')}
                </Descriptions.Item>
                <Descriptions.Item label={t('cases.fields.address')}>
                  {f.incidentAddress ?? t('common.none')}
                </Descriptions.Item>
                <Descriptions.Item label={t('intake.fields.receivedAt')}>
                  <JalaliTime at={f.receivedAt} />
                </Descriptions.Item>
                <Descriptions.Item label={t('intake.fields.approvedBy')}>{f.approvedBy}</Descriptions.Item>
              </Descriptions>
              <Typography.Title level={5}>{t('cases.fields.narrative')}</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{f.narrative}</Typography.Paragraph>
              {f.accusedUnknown && <Tag>{t('cases.fields.accusedUnknown')}</Tag>}
            </Card>
            <Card size="small" title={t('intake.file.parties')}>
              <PartiesTable file={f} />
            </Card>
            <Card size="small" title={t('intake.file.documents')}>
              <IntakeDocuments file={f} />
            </Card>
          </Space>
        </Col>
        {hasSide && (
          <Col xs={24} lg={8}>
            <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
              {showDecision && (
                <Card size="small" title={t('intake.file.decision')}>
                  <DecisionSummary file={f} />
                </Card>
              )}
              {showOrders && (
                <FileOrders file={f} onIssue={allowed.issueOrder ? () => setDialog('order') : undefined} />
              )}
            </Space>
          </Col>
        )}
      </Row>
      <Card size="small" title={t('messages.title')}>
        <IntakeMessageTrail intakeId={f.id} />
      </Card>
      {decides && (
        <>
          <RegisterDialog intakeId={f.id} open={dialog === 'register'} onClose={close} />
          <ReturnDialog intakeId={f.id} open={dialog === 'return'} onClose={close} />
          <RejectDialog intakeId={f.id} open={dialog === 'reject'} onClose={close} />
        </>
      )}
      {allowed.issueOrder && <IssueOrderDialog intakeId={f.id} open={dialog === 'order'} onClose={close} />}
    </Space>
  );
}
