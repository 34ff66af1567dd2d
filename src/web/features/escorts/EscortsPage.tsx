import { Alert, Empty, Segmented, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { errorMessageKey } from '../../api/client.js';
import { useI18n } from '../../i18n/i18n.js';
import { useEscortList } from './api.js';
import { EscortCard } from './EscortCard.js';

type Show = 'active' | 'all';

/**
 * The escorts (`#/escorts`), on both sides: an escort unit's work and a station's requests, those still to
 * do first and soonest first, the late ones marked; delivered and cancelled ones on "all".
 */
export function EscortsPage() {
  const { t } = useI18n();
  const escorts = useEscortList();
  const [show, setShow] = useState<Show>('active');

  if (escorts.isPending) return <Spin aria-label={t('common.loading')} />;
  if (escorts.isError) return <Alert type="error" showIcon message={t(errorMessageKey(escorts.error))} />;
  const items = escorts.data.items;
  const visible =
    show === 'all' ? items : items.filter((e) => e.status !== 'delivered' && e.status !== 'cancelled');
  const late = items.filter((e) => e.late).length;

  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
      <Space wrap align="center" style={{ justifyContent: 'space-between', inlineSize: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('escorts.title')}
        </Typography.Title>
        <Segmented<Show>
          value={show}
          onChange={setShow}
          options={[
            { value: 'active', label: t('escorts.active') },
            { value: 'all', label: t('escorts.all') },
          ]}
        />
      </Space>
      {late > 0 && <Alert type="error" showIcon message={t('escorts.lateCount', { count: late })} />}
      {visible.length === 0 ? (
        <Empty description={t('escorts.empty')} />
      ) : (
        <Space direction="vertical" style={{ inlineSize: '100%' }} data-testid="escorts-list">
          {visible.map((e) => (
            <EscortCard key={e.escortId} escort={e} />
          ))}
        </Space>
      )}
    </Space>
  );
}
