import { Alert, Spin, Timeline } from 'antd';
import { errorMessageKey } from '../../../api/client.js';
import { JalaliTime } from '../../../components/JalaliTime.js';
import { useI18n } from '../../../i18n/i18n.js';
import { useCaseTimeline } from '../api.js';
import { codeLabel } from '../case-labels.js';

/** What happened to the case, oldest first. */
export function CaseTimeline({ caseId }: { caseId: string }) {
  const i18n = useI18n();
  const timeline = useCaseTimeline(caseId);
  if (timeline.isPending) return <Spin aria-label={i18n.t('common.loading')} />;
  if (timeline.isError) return <Alert type="error" message={i18n.t(errorMessageKey(timeline.error))} />;
  if (timeline.data.items.length === 0) return <>{i18n.t('timeline.empty')}</>;
  return (
    <Timeline
      items={timeline.data.items.map((item, index) => ({
        key: `${item.at}-${index}`,
        children: (
          <>
            <strong>{codeLabel(i18n, 'timeline.events', item.type)}</strong>
            <br />
            <JalaliTime at={item.at} />
          </>
        ),
      }))}
    />
  );
}
