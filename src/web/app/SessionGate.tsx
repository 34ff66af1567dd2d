import { Result, Spin } from 'antd';
import { errorMessageKey } from '../api/client.js';
import { useSession } from '../features/auth/api.js';
import { SignInPage } from '../features/auth/SignInPage.js';
import { useI18n } from '../i18n/i18n.js';
import { AppLayout } from './AppLayout.js';
import { Routes } from './Routes.js';
import { SessionKeeper } from './SessionKeeper.js';

/** Shows the sign-in page until there is a session, then the app (and the session's warnings over it). */
export function SessionGate() {
  const { t } = useI18n();
  const session = useSession();
  if (session.isPending) {
    return (
      <div className="cb-page" style={{ textAlign: 'center' }}>
        <Spin aria-label={t('common.loading')} />
      </div>
    );
  }
  if (session.isError) {
    return <Result status="warning" title={t(errorMessageKey(session.error))} />;
  }
  if (!session.data) return <SignInPage />;
  // Keyed by the user: someone else signing in where a session ended starts afresh, with nothing of the
  // previous user's on screen.
  return (
    <>
      <AppLayout key={session.data.id} user={session.data}>
        <Routes user={session.data} />
      </AppLayout>
      <SessionKeeper user={session.data} />
    </>
  );
}
