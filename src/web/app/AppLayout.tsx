import type { ReactNode } from 'react';
import { Button, Input, Tag } from 'antd';
import type { SessionUser } from '../../domain/auth.schema.js';
import { useLogout } from '../features/auth/api.js';
import { useI18n } from '../i18n/i18n.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { roleAreas } from './role-areas.js';
import { exchangeAreas } from '../features/intake/office-areas.js';
import { QueueLinks } from '../features/cases/QueueLinks.js';
import { href, matchPath, navigate, routeQuery, usePath, withQuery } from './router.js';

/** The one search box of a station (case number, tracking code, national ID, name) → the case list. */
function HeaderSearch() {
  const { t } = useI18n();
  const path = usePath();
  const current = matchPath('/cases', path) ? (routeQuery(path).get('q') ?? '') : '';
  return (
    <Input.Search
      key={current}
      className="cb-header-search"
      aria-label={t('app.search.label')}
      placeholder={t('app.search.placeholder')}
      defaultValue={current}
      allowClear
      onSearch={(value) => navigate(withQuery('/cases', { q: value.trim() }))}
    />
  );
}

/** The signed-in shell: navigation for the role, the station's search, who is signed in, language, sign-out. */
export function AppLayout({ user, children }: { user: SessionUser; children: ReactNode }) {
  const { t, locale } = useI18n();
  const logout = useLogout();
  const orgName = locale === 'fa' ? user.org.nameFa : user.org.nameEn;
  const areas = roleAreas(user);
  const exchange = exchangeAreas(user);
  return (
    <>
      <header className="cb-header">
        <a href={href('/')} style={{ fontWeight: 700 }}>
          {t('app.shortName')}
        </a>
        <nav aria-label={t('app.nav.label')} className="cb-header-nav">
          {areas.station && (
            <>
              <a href={href('/')}>{t('app.nav.dashboard')}</a>
              <a href={href('/cases')}>{t('app.nav.cases')}</a>
              <QueueLinks user={user} />
            </>
          )}
          {exchange.intake && <a href={href('/intake')}>{t('app.nav.intake')}</a>}
          {exchange.orders && <a href={href('/orders')}>{t('app.nav.orders')}</a>}
          {areas.escorts && <a href={href('/escorts')}>{t('app.nav.escorts')}</a>}
          {areas.figures && <a href={href('/figures')}>{t('app.nav.figures')}</a>}
          {areas.rollout && <a href={href('/rollout')}>{t('app.nav.rollout')}</a>}
          {areas.admin && (
            <>
              <a href={href('/admin/organisations')}>{t('app.nav.organisations')}</a>
              <a href={href('/admin/users')}>{t('app.nav.users')}</a>
              <a href={href('/admin/peers')}>{t('app.nav.peers')}</a>
            </>
          )}
          {areas.audit && <a href={href('/admin/audit')}>{t('app.nav.audit')}</a>}
        </nav>
        {areas.station && <HeaderSearch />}
        <span className="cb-header-spacer" />
        <span className="cb-header-text" data-testid="current-user">
          <strong>{user.displayName}</strong> · {orgName} · {t(`roles.${user.role}`)}
        </span>
        {user.isDemo && <Tag color="gold">{t('app.demoUser')}</Tag>}
        <a href={href('/account/security')} className="cb-header-text">
          {t('app.nav.security')}
        </a>
        <LanguageSwitch />
        <Button size="small" loading={logout.isPending} onClick={() => logout.mutate()}>
          {t('app.logout')}
        </Button>
      </header>
      <main className="cb-page">{children}</main>
    </>
  );
}
