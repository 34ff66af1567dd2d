import type { ReactNode } from 'react';
import { Button, Tag } from 'antd';
import type { SessionUser } from '../api/types.js';
import { useLogout } from '../features/auth/api.js';
import { useI18n } from '../i18n/i18n.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { href } from './router.js';

/** The signed-in shell: who is signed in (name, organisation, role), the language switch, sign-out. */
export function AppLayout({ user, children }: { user: SessionUser; children: ReactNode }) {
  const { t, locale } = useI18n();
  const logout = useLogout();
  const orgName = locale === 'fa' ? user.org.nameFa : user.org.nameEn;
  return (
    <>
      <header className="cb-header">
        <a href={href('/')} style={{ fontWeight: 700 }}>
          {t('app.shortName')}
        </a>
        <nav aria-label={t('app.nav.label')}>
          <a href={href('/cases')}>{t('app.nav.cases')}</a>
        </nav>
        <span className="cb-header-spacer" />
        <span className="cb-header-text" data-testid="current-user">
          <strong>{user.displayName}</strong> · {orgName} · {t(`roles.${user.role}`)}
        </span>
        {user.isDemo && <Tag color="gold">{t('app.demoUser')}</Tag>}
        <LanguageSwitch />
        <Button size="small" loading={logout.isPending} onClick={() => logout.mutate()}>
          {t('app.logout')}
        </Button>
      </header>
      <main className="cb-page">{children}</main>
    </>
  );
}
