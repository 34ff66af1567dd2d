import { List, Typography } from 'antd';
import type { CaseDetail } from '../../../../domain/cases/case.schema.js';
import { JalaliTime } from '../../../components/JalaliTime.js';
import { useI18n } from '../../../i18n/i18n.js';
import { documentContentUrl } from '../api.js';
import { formatSize } from '../documents/DocumentDropzone.js';
import { codeLabel } from '../case-labels.js';

/** The case's documents, each opened through the API (never inline HTML: the server sets the headers). */
export function DocumentsList({ detail }: { detail: CaseDetail }) {
  const i18n = useI18n();
  const { t, digits } = i18n;
  return (
    <List
      size="small"
      dataSource={detail.documents}
      locale={{ emptyText: t('documents.empty') }}
      renderItem={(d) => (
        <List.Item key={d.id}>
          <List.Item.Meta
            title={
              <a href={documentContentUrl(detail.id, d.id)} target="_blank" rel="noopener noreferrer">
                {d.name}
              </a>
            }
            description={
              <>
                {codeLabel(i18n, 'documents.kinds', d.kind)} · {formatSize(d.size, digits)} ·{' '}
                <JalaliTime at={d.uploadedAt} />
                <Typography.Text
                  type="secondary"
                  className="cb-ltr"
                  style={{ display: 'block', fontSize: 11 }}
                  title={t('documents.sha256')}
                >
                  {d.sha256.slice(0, 16)}…
                </Typography.Text>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}
