import { Alert } from 'antd';
import { errorMessageKey } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';

/** The server's answer to a failed request, as a Persian sentence (`errors.<code>`), with the code for support. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  const key = errorMessageKey(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-error={key}
      message={t(key)}
      style={{ marginBlockEnd: 12 }}
    />
  );
}
