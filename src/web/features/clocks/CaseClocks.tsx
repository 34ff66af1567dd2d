import { useState } from 'react';
import { Alert, Button, Card, Input, List, Space, Table, Tag, Typography } from 'antd';
import type { Breach } from '../../../domain/clocks/clocks.schema.js';
import { errorMessageKey } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { useI18n } from '../../i18n/i18n.js';
import { useAnnotateBreach, useCaseClocks } from './api.js';

const stateColour = {
  running: 'blue',
  warned: 'orange',
  met: 'green',
  breached: 'red',
  stopped: 'default',
} as const;

/** The chief's justification form under a breach (shown when the breach's `allowed.annotate` says so). */
function AnnotateForm({ caseId, breach }: { caseId: string; breach: Breach }) {
  const { t } = useI18n();
  const annotate = useAnnotateBreach(caseId);
  const [note, setNote] = useState('');
  return (
    <Space direction="vertical" style={{ inlineSize: '100%' }}>
      <Input.TextArea
        aria-label={t('clocks.breaches.note')}
        value={note}
        maxLength={2000}
        onChange={(e) => setNote(e.target.value)}
      />
      {annotate.isError && <Alert type="error" message={t(errorMessageKey(annotate.error))} />}
      <Button
        size="small"
        disabled={note.trim() === ''}
        loading={annotate.isPending}
        onClick={() =>
          annotate.mutate({ breachId: breach.id, body: { note } }, { onSuccess: () => setNote('') })
        }
      >
        {t('clocks.breaches.save')}
      </Button>
    </Space>
  );
}

/** A breach record: due and recorded times, who was responsible, the exchange's part, the justifications. */
function BreachItem({ caseId, breach }: { caseId: string; breach: Breach }) {
  const { t } = useI18n();
  return (
    <List.Item data-testid="breach">
      <Space direction="vertical" size={2} style={{ inlineSize: '100%' }}>
        <Typography.Text strong>{t(`clocks.kinds.${breach.kind}`)}</Typography.Text>
        <span>
          {t('clocks.breaches.due')}: <JalaliTime at={breach.dueAt} /> · {t('clocks.breaches.detected')}:{' '}
          <JalaliTime at={breach.detectedAt} />
        </span>
        {breach.late && <Tag color="gold">{t('clocks.breaches.late')}</Tag>}
        {breach.responsibleName && (
          <span>
            {t('clocks.breaches.responsible')}: {breach.responsibleName}
          </span>
        )}
        {breach.exchangeWaiting.length > 0 && (
          <Alert
            type="warning"
            message={t('clocks.breaches.exchange', { count: breach.exchangeWaiting.length })}
          />
        )}
        {breach.annotations.map((a) => (
          <Typography.Paragraph key={a.id} style={{ margin: 0 }}>
            {a.note} — {a.annotatedByName} · <JalaliTime at={a.annotatedAt} />
          </Typography.Paragraph>
        ))}
        {breach.allowed.annotate && <AnnotateForm caseId={caseId} breach={breach} />}
      </Space>
    </List.Item>
  );
}

/** The case's legal clocks with their absolute due time (Tehran, Jalali), and its breach records. */
export function CaseClocks({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const clocks = useCaseClocks(caseId);
  if (clocks.error) return <ErrorAlert error={clocks.error} />;
  const data = clocks.data;
  return (
    <Card title={t('clocks.title')} size="small" data-testid="case-clocks" loading={!data}>
      {data && (
        <Space direction="vertical" style={{ inlineSize: '100%' }}>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={data.clocks}
            locale={{ emptyText: t('clocks.empty') }}
            columns={[
              { title: t('clocks.columns.kind'), render: (_, c) => t(`clocks.kinds.${c.kind}`) },
              { title: t('clocks.columns.started'), render: (_, c) => <JalaliTime at={c.startedAt} /> },
              { title: t('clocks.columns.due'), render: (_, c) => <JalaliTime at={c.dueAt} /> },
              {
                title: t('clocks.columns.state'),
                render: (_, c) => <Tag color={stateColour[c.state]}>{t(`clocks.states.${c.state}`)}</Tag>,
              },
            ]}
          />
          {data.breaches.length > 0 && (
            <List
              header={<Typography.Text strong>{t('clocks.breaches.title')}</Typography.Text>}
              dataSource={data.breaches}
              renderItem={(b) => <BreachItem key={b.id} caseId={caseId} breach={b} />}
            />
          )}
        </Space>
      )}
    </Card>
  );
}
