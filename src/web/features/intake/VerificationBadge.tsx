import { Alert, Space, Tag, Typography } from 'antd';
import type { IntakeDetail } from '../../../domain/intake/intake.schema.js';
import { useI18n } from '../../i18n/i18n.js';

/** Is the whole file trustworthy: the signature re-checked now, and every document's hash matched? */
export function isFileVerified(file: Pick<IntakeDetail, 'verification' | 'documents'>): boolean {
  return (
    file.verification.signatureVerified &&
    file.verification.documentsVerified &&
    file.documents.every((d) => d.hashVerified)
  );
}

/** The file's verification, in plain words, as the API reports it: signature and every document hash. */
export function VerificationBadge({ file }: { file: Pick<IntakeDetail, 'verification' | 'documents'> }) {
  const { t } = useI18n();
  const ok = isFileVerified(file);
  const { signatureVerified, documentsVerified, messageSha256 } = file.verification;
  const badDocuments = file.documents.filter((d) => !d.hashVerified).length;
  return (
    <Alert
      type={ok ? 'success' : 'error'}
      showIcon
      data-testid="verification"
      data-verified={ok}
      message={t(ok ? 'intake.verification.ok' : 'intake.verification.failed')}
      description={
        <Space direction="vertical" size={2}>
          <Space wrap>
            <Tag color={signatureVerified ? 'success' : 'error'}>
              {t(signatureVerified ? 'intake.verification.signatureOk' : 'intake.verification.signatureBad')}
            </Tag>
            <Tag color={documentsVerified && badDocuments === 0 ? 'success' : 'error'}>
              {documentsVerified && badDocuments === 0
                ? t('intake.verification.documentsOk', { count: file.documents.length })
                : t('intake.verification.documentsBad', { count: Math.max(badDocuments, 1) })}
            </Tag>
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('intake.verification.messageHash')}{' '}
            <span className="cb-ltr" title={messageSha256}>
              {messageSha256.slice(0, 16)}…
            </span>
          </Typography.Text>
        </Space>
      }
    />
  );
}
