import { useEffect, useState, useSyncExternalStore } from 'react';
import { Alert, Button, Modal, Typography } from 'antd';
import type { SessionUser } from '../../domain/auth.schema.js';
import { sessionClock } from '../api/session-clock.js';
import { formatInstant } from '../components/JalaliTime.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useExtendSession, useLogout } from '../features/auth/api.js';
import { SignInSteps } from '../features/auth/SignInPage.js';
import { useI18n } from '../i18n/i18n.js';

/** The warning comes this long before the session ends. */
export const WARN_BEFORE_MS = 5 * 60_000;

/** The browser's clock, read again every few seconds (the warning and the end are minutes apart). */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

/**
 * Watches the session of the user on screen: five minutes before it ends, a dialog offers to extend it; once it
 * has ended (its time passed, or the server refused it), a dialog asks for the password — and the second step
 * when the user has one — over the screen, which stays as it was, forms as typed. Signing in as someone else
 * instead starts from their home.
 */
export function SessionKeeper({ user }: { user: SessionUser }) {
  const { t, locale } = useI18n();
  const clock = useSyncExternalStore(sessionClock.subscribe, sessionClock.getSnapshot);
  const now = useNow(5000);
  const extend = useExtendSession();
  const logout = useLogout();
  const [postponed, setPostponed] = useState<number | null>(null);

  const { endsAt } = clock;
  const ended = clock.ended || (endsAt !== null && endsAt <= now);
  useEffect(() => {
    if (ended && !clock.ended) sessionClock.markEnded();
  }, [ended, clock.ended]);

  const warn = !ended && endsAt !== null && endsAt - now <= WARN_BEFORE_MS && postponed !== endsAt;
  return (
    <>
      <Modal
        open={warn}
        title={t('session.endingTitle')}
        okText={t('session.extend')}
        cancelText={t('session.later')}
        confirmLoading={extend.isPending}
        onOk={() => extend.mutate()}
        onCancel={() => setPostponed(endsAt)}
      >
        {extend.isError ? <ErrorAlert error={extend.error} /> : null}
        <Typography.Paragraph>
          {t('session.endingText', { time: endsAt === null ? '' : formatInstant(locale, new Date(endsAt)) })}
        </Typography.Paragraph>
      </Modal>
      <Modal
        open={ended}
        title={t('session.endedTitle')}
        closable={false}
        maskClosable={false}
        keyboard={false}
        destroyOnHidden
        footer={
          <Button type="link" onClick={() => logout.mutate()}>
            {t('session.someoneElse')}
          </Button>
        }
      >
        <Alert type="info" showIcon style={{ marginBlockEnd: 16 }} message={t('session.endedText')} />
        <SignInSteps username={user.username} />
      </Modal>
    </>
  );
}
