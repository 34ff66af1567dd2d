import { Alert, List, Space, Tag, Typography } from 'antd';
import type { Escort } from '../../../domain/escorts/escorts.schema.js';
import { errorMessageKey } from '../../api/client.js';
import { href } from '../../app/router.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { useI18n } from '../../i18n/i18n.js';
import { codeLabel } from '../cases/case-labels.js';
import { useEscortList } from './api.js';

/** Escorts not yet delivered or cancelled, soonest first (as the server orders them). */
export const upcomingEscorts = (items: Escort[]): Escort[] =>
  items.filter((e) => e.status !== 'delivered' && e.status !== 'cancelled');

/** The station's escorts still under way, for its dashboard: whom, to where, when, and how far along. */
export function UpcomingEscorts() {
  const i18n = useI18n();
  const { t, digits } = i18n;
  const escorts = useEscortList();
  if (escorts.isError) return <Alert type="error" message={t(errorMessageKey(escorts.error))} />;
  return (
    <List
      data-testid="escorts-upcoming"
      size="small"
      loading={escorts.isPending}
      dataSource={upcomingEscorts(escorts.data?.items ?? [])}
      locale={{ emptyText: t('escorts.empty') }}
      renderItem={(e) => (
        <List.Item key={e.escortId} data-escort-id={e.escortId}>
          <Space direction="vertical" size={2}>
            <Space wrap>
              <strong>
                {e.person.firstName} {e.person.lastName}
              </strong>
              {e.caseId && (
                <a href={href(`/cases/${e.caseId}`)} className="cb-id">
                  {digits(e.caseNumber ?? e.caseRef)}
                </a>
              )}
              <Tag>{codeLabel(i18n, 'escorts.status', e.status)}</Tag>
              {e.late && <Tag color="red">{t('escorts.late')}</Tag>}
            </Space>
            <Typography.Text type="secondary">
              {codeLabel(i18n, 'escorts.destinations', e.destination)} — {e.place}
            </Typography.Text>
          </Space>
          <JalaliTime at={e.scheduledAt} />
        </List.Item>
      )}
    />
  );
}
