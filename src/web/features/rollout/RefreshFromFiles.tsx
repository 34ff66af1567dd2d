import { Alert, Button, Space } from 'antd';
import { errorMessageKey } from '../../api/client.js';
import { useI18n } from '../../i18n/i18n.js';
import { useRefreshUnitsFromFiles } from './api.js';

/**
 * "Update from casebridge": the register's figures of the units already on this node replaced by what their
 * own case files of the last year say, so that the next plan weighs them by what they record.
 */
export function RefreshFromFiles() {
  const { t, digits } = useI18n();
  const refresh = useRefreshUnitsFromFiles();
  return (
    <Space direction="vertical" style={{ inlineSize: '100%' }}>
      <Button onClick={() => refresh.mutate()} loading={refresh.isPending} data-testid="refresh-from-files">
        {t('rollout.refresh.button')}
      </Button>
      {refresh.isError && <Alert type="error" showIcon message={t(errorMessageKey(refresh.error))} />}
      {refresh.isSuccess && (
        <Alert
          type="success"
          showIcon
          data-testid="refresh-result"
          message={t('rollout.refresh.done', { updated: digits(refresh.data.updated) })}
        />
      )}
    </Space>
  );
}
