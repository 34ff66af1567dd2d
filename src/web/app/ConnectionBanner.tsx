import { useEffect, useState, useSyncExternalStore } from 'react';
import { Alert, Button } from 'antd';
import { connection as pageConnection, type Connection } from '../api/connection.js';
import { useI18n } from '../i18n/i18n.js';

/**
 * While the node does not answer: a banner at the top of every screen that says so, counts down to the next
 * try and offers to try now. It goes by itself once the node answers (and the screens refetch).
 */
export function ConnectionBanner({ connection = pageConnection }: { connection?: Connection }) {
  const { t, digits } = useI18n();
  const state = useSyncExternalStore(connection.subscribe, connection.getSnapshot);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (state.reachable) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [state.reachable]);
  if (state.reachable) return null;
  const seconds = state.retryAt === null ? 0 : Math.max(0, Math.ceil((state.retryAt - now) / 1000));
  return (
    <Alert
      banner
      role="alert"
      type="warning"
      className="cb-connection-banner"
      style={{ position: 'sticky', insetBlockStart: 0, zIndex: 1100 }}
      message={t('connection.unreachable')}
      description={t('connection.retrying', { seconds: digits(seconds) })}
      action={
        <Button size="small" onClick={() => void connection.tryNow()}>
          {t('connection.tryNow')}
        </Button>
      }
    />
  );
}
