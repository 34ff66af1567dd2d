import { Badge } from 'antd';
import type { SessionUser } from '../../../domain/auth.schema.js';
import type { CaseQueue } from '../../../domain/cases/case.schema.js';
import { permissions } from '../../../domain/permissions.js';
import { href, withQuery } from '../../app/router.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCaseList } from './api.js';

/** The most a queue's count says before it reads «۱۰۰+» (the API's largest page; nobody counts every match). */
const QUEUE_PAGE = 100;

/** The queues of a user's jobs: the chief's approvals (approvers in the matrix), everybody's returned files. */
export function queuesOf(user: SessionUser): CaseQueue[] {
  const approves = (permissions['case.submit.approve'].roles as readonly string[]).includes(user.role);
  return approves
    ? ['awaiting_approval', 'returned_to_me', 'returned_by_office']
    : ['returned_to_me', 'returned_by_office'];
}

function QueueLink({ queue }: { queue: CaseQueue }) {
  const { t, digits } = useI18n();
  const list = useCaseList({ q: '', queue, pageSize: QUEUE_PAGE }, { refetchInterval: 60_000 });
  const count = list.data?.items.length ?? 0;
  const text = list.data?.next ? `${digits(String(QUEUE_PAGE))}+` : digits(String(count));
  return (
    <a href={href(withQuery('/cases', { queue }))} data-testid={`queue-${queue}`}>
      {t(`cases.queues.${queue}`)}{' '}
      {count > 0 && <Badge count={text} color={queue === 'awaiting_approval' ? 'red' : 'orange'} />}
    </a>
  );
}

/** The header's links to the user's queues, each with how many files wait in it. */
export function QueueLinks({ user }: { user: SessionUser }) {
  return (
    <>
      {queuesOf(user).map((queue) => (
        <QueueLink key={queue} queue={queue} />
      ))}
    </>
  );
}
