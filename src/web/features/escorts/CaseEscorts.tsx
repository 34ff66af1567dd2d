import { useState } from 'react';
import { Alert, Button, Card, Space, Typography } from 'antd';
import type { CaseDetail } from '../../../domain/cases/case.schema.js';
import { errorMessageKey } from '../../api/client.js';
import { useI18n } from '../../i18n/i18n.js';
import { useEscortList } from './api.js';
import { EscortCard } from './EscortCard.js';
import { RequestEscortDialog } from './RequestEscortDialog.js';

/** A case's escorts on its page, and the button to ask for one when allowed (a person of the case must exist). */
export function CaseEscorts({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const escorts = useEscortList(detail.id);
  const [asking, setAsking] = useState(false);
  const canAsk = detail.allowed.requestEscort;
  return (
    <Card
      title={t('escorts.caseTitle')}
      size="small"
      extra={
        canAsk && detail.parties.length > 0 ? (
          <Button onClick={() => setAsking(true)}>{t('escorts.request.open')}</Button>
        ) : null
      }
    >
      {escorts.isError ? (
        <Alert type="error" showIcon message={t(errorMessageKey(escorts.error))} />
      ) : (escorts.data?.items.length ?? 0) === 0 ? (
        <Typography.Text type="secondary">{t('escorts.noneForCase')}</Typography.Text>
      ) : (
        <Space direction="vertical" style={{ inlineSize: '100%' }}>
          {escorts.data?.items.map((e) => (
            <EscortCard key={e.escortId} escort={e} />
          ))}
        </Space>
      )}
      {canAsk && <RequestEscortDialog detail={detail} open={asking} onClose={() => setAsking(false)} />}
    </Card>
  );
}
