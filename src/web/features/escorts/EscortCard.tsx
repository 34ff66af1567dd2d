import { useState } from 'react';
import { Button, Card, Descriptions, Space, Steps, Tag, Typography } from 'antd';
import { CUSTODY_LIMIT_SECONDS } from '../../../domain/cases/custody-clock.js';
import type { Escort } from '../../../domain/escorts/escorts.schema.js';
import type { EscortStatus, HandOverStage } from '../../../domain/escorts/escort-kinds.js';
import { href } from '../../app/router.js';
import { CustodyCountdown } from '../../components/CustodyCountdown.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { useI18n } from '../../i18n/i18n.js';
import { codeLabel } from '../cases/case-labels.js';
import { AssignEscortDialog, CancelEscortDialog, HandOverDialog } from './EscortStepDialogs.js';

const statusColors: Record<EscortStatus, string> = {
  requested: 'blue',
  assigned: 'cyan',
  picked_up: 'purple',
  delivered: 'green',
  cancelled: 'default',
};
const STEPS = ['requested', 'assigned', 'picked_up', 'delivered'] as const;

/** Every breakpoint named: antd gives the ones a map leaves out 3 columns, too narrow in a side column. */
const TWO_COLUMNS = { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 };

type Dialog = 'assign' | HandOverStage | 'cancel' | null;

/** One escort: whom, where, when and why, its steps so far, and what the server says the user may do next. */
export function EscortCard({ escort }: { escort: Escort }) {
  const i18n = useI18n();
  const { t, digits } = i18n;
  const [dialog, setDialog] = useState<Dialog>(null);
  // Between parts of one line: a middle dot next to Persian digits reads as a zero (۰).
  const SEPARATOR = i18n.locale === 'fa' ? '، ' : ', ';
  const unit = escort.side === 'escort_unit';
  const { allowed } = escort;
  const p = escort.person;
  const caseLabel = <span className="cb-id">{digits(escort.caseNumber ?? escort.caseRef)}</span>;

  return (
    <Card
      size="small"
      data-escort-id={escort.escortId}
      data-status={escort.status}
      style={{ borderInlineStartWidth: 4, borderInlineStartColor: escort.late ? '#cf1322' : '#d9d9d9' }}
      title={
        <Space wrap>
          <Typography.Text strong>
            {p.firstName} {p.lastName}
          </Typography.Text>
          <Tag color={statusColors[escort.status]}>{codeLabel(i18n, 'escorts.status', escort.status)}</Tag>
          {escort.late && <Tag color="red">{t('escorts.late')}</Tag>}
        </Space>
      }
      extra={<JalaliTime at={escort.scheduledAt} />}
    >
      <Space direction="vertical" style={{ inlineSize: '100%' }}>
        {escort.status !== 'cancelled' && (
          <Steps
            size="small"
            current={STEPS.indexOf(escort.status)}
            items={STEPS.map((s) => ({ title: codeLabel(i18n, 'escorts.status', s) }))}
          />
        )}
        <Descriptions size="small" column={TWO_COLUMNS}>
          <Descriptions.Item label={t('escorts.fields.destination')}>
            {codeLabel(i18n, 'escorts.destinations', escort.destination)} — {escort.place}
          </Descriptions.Item>
          <Descriptions.Item label={t('escorts.fields.case')}>
            {!unit && escort.caseId ? <a href={href(`/cases/${escort.caseId}`)}>{caseLabel}</a> : caseLabel}
          </Descriptions.Item>
          <Descriptions.Item label={t(unit ? 'escorts.fields.station' : 'escorts.fields.unit')}>
            {escort.counterpartName ?? escort.counterpart}
          </Descriptions.Item>
          <Descriptions.Item label={t('escorts.fields.person')}>
            {[
              p.fatherName ? t('escorts.fatherOf', { name: p.fatherName }) : null,
              p.nationalId ? t('escorts.nationalId', { id: digits(p.nationalId) }) : null,
              p.passportNumber ? t('escorts.passport', { id: digits(p.passportNumber) }) : null,
            ]
              .filter(Boolean)
              .join(SEPARATOR) || '—'}
          </Descriptions.Item>
          {escort.inCustodySince && escort.status !== 'delivered' && escort.status !== 'cancelled' && (
            <Descriptions.Item label={t('escorts.fields.custody')}>
              <CustodyCountdown
                deadlineAt={new Date(
                  Date.parse(escort.inCustodySince) + CUSTODY_LIMIT_SECONDS * 1000,
                ).toISOString()}
              />
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('escorts.fields.requested')}>
            {escort.requestedBy}
            {SEPARATOR}
            <JalaliTime at={escort.requestedAt} />
          </Descriptions.Item>
          {escort.officers && (
            <Descriptions.Item label={t('escorts.fields.officers')}>
              {escort.officers}
              {escort.vehicle ? `${SEPARATOR}${escort.vehicle}` : ''}
            </Descriptions.Item>
          )}
          {escort.pickedUpAt && (
            <Descriptions.Item label={t('escorts.fields.pickedUp')}>
              {escort.pickedUpFrom}
              {SEPARATOR}
              <JalaliTime at={escort.pickedUpAt} />
            </Descriptions.Item>
          )}
          {escort.deliveredAt && (
            <Descriptions.Item label={t('escorts.fields.delivered')}>
              {escort.deliveredTo}
              {SEPARATOR}
              <JalaliTime at={escort.deliveredAt} />
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBlockEnd: 0 }}>
          <Typography.Text type="secondary">{t('escorts.fields.reason')}: </Typography.Text>
          {escort.reason}
        </Typography.Paragraph>
        {escort.cancelReason && (
          <Typography.Text type="secondary">
            {t('escorts.fields.cancelReason')}: {escort.cancelReason}
          </Typography.Text>
        )}
        <Space wrap>
          {allowed.assign && escort.status === 'requested' && (
            <Button type="primary" onClick={() => setDialog('assign')}>
              {t('escorts.assign.open')}
            </Button>
          )}
          {allowed.pickUp && (
            <Button type="primary" onClick={() => setDialog('picked_up')}>
              {t('escorts.handOver.picked_up.open')}
            </Button>
          )}
          {allowed.deliver && (
            <Button type="primary" onClick={() => setDialog('delivered')}>
              {t('escorts.handOver.delivered.open')}
            </Button>
          )}
          {allowed.cancel && (
            <Button danger onClick={() => setDialog('cancel')}>
              {t('escorts.cancel.open')}
            </Button>
          )}
        </Space>
      </Space>
      {(allowed.assign || allowed.pickUp || allowed.deliver) && (
        <>
          <AssignEscortDialog escort={escort} open={dialog === 'assign'} onClose={() => setDialog(null)} />
          {(['picked_up', 'delivered'] as const).map((stage) => (
            <HandOverDialog
              key={stage}
              escort={escort}
              stage={stage}
              open={dialog === stage}
              onClose={() => setDialog(null)}
            />
          ))}
        </>
      )}
      {allowed.cancel && (
        <CancelEscortDialog escort={escort} open={dialog === 'cancel'} onClose={() => setDialog(null)} />
      )}
    </Card>
  );
}
