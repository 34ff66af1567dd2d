import { Button, Space, Typography } from 'antd';
import { useI18n } from '../i18n/i18n.js';
import type { KeysetPages } from './keyset-pages.js';

/**
 * Previous / next for a list read by keyset, and the number of the page shown — never "page 1 of N":
 * nobody counts every match of a national list.
 */
export function KeysetPager({
  pages,
  list,
}: {
  pages: KeysetPages;
  /** The list's query: its answer's `next`, and whether it is being fetched. */
  list: { data?: { next: string | null } | undefined; isFetching: boolean };
}) {
  const { t } = useI18n();
  const { page } = pages;
  const next = list.data?.next;
  const loading = list.isFetching;
  if (page === 1 && !next) return null;
  return (
    <Space style={{ justifyContent: 'center', inlineSize: '100%' }} data-testid="keyset-pager">
      <Button disabled={page === 1 || loading} onClick={pages.previous}>
        {t('common.pager.previous')}
      </Button>
      <Typography.Text>{t('common.pager.page', { page })}</Typography.Text>
      <Button disabled={!next || loading} onClick={() => next && pages.next(next)}>
        {t('common.pager.next')}
      </Button>
    </Space>
  );
}
