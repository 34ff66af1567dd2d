import { Alert, List } from 'antd';
import type { CaseDetail } from '../../../../domain/cases/case.schema.js';
import { useI18n } from '../../../i18n/i18n.js';
import { codeLabel } from '../case-labels.js';

/** Readiness codes are i18n keys already (`readiness.no_accused`); a bare code gets the prefix. */
const readinessCode = (code: string) => code.replace(/^readiness\./, '');

/** Whether the file can be sent, and if not, each missing item as a sentence (`readiness.<code>`). */
export function ReadinessChecklist({ readiness }: { readiness: CaseDetail['readiness'] }) {
  const i18n = useI18n();
  if (readiness.ready) return <Alert type="success" showIcon message={i18n.t('readiness.ready')} />;
  return (
    <Alert
      type="warning"
      showIcon
      message={i18n.t('readiness.notReady', { count: readiness.missing.length })}
      description={
        <List
          size="small"
          dataSource={readiness.missing}
          renderItem={(item) => (
            <List.Item data-code={item.code}>
              {codeLabel(i18n, 'readiness', readinessCode(item.code))}
            </List.Item>
          )}
        />
      }
    />
  );
}
