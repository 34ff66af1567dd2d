import { lazy, Suspense, useEffect } from 'react';
import { Result, Spin } from 'antd';
import { isPoliceUnit } from '../../domain/roles.js';
import type { SessionUser } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { matchPath, navigate, usePath } from './router.js';

// Feature screens are split out of the first download: the sign-in page loads none of them.
const CaseListPage = lazy(() =>
  import('../features/cases/CaseListPage.js').then((m) => ({ default: m.CaseListPage })),
);
const NewCasePage = lazy(() =>
  import('../features/cases/NewCasePage.js').then((m) => ({ default: m.NewCasePage })),
);
const CasePage = lazy(() => import('../features/cases/CasePage.js').then((m) => ({ default: m.CasePage })));

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to), [to]);
  return null;
}

/** The screens, by hash path. */
export function Routes({ user }: { user: SessionUser }) {
  const { t } = useI18n();
  const path = usePath();
  const isStation = isPoliceUnit(user.org.kind);

  let page;
  let params: Record<string, string> | null;
  if (path === '/')
    page = isStation ? <Redirect to="/cases" /> : <Result status="info" title={t('app.notYetAvailable')} />;
  else if (isStation && matchPath('/cases', path)) page = <CaseListPage />;
  else if (isStation && matchPath('/cases/new', path)) page = <NewCasePage />;
  else if (isStation && (params = matchPath('/cases/:id', path)))
    page = <CasePage key={params.id} id={params.id!} />;
  else page = <Result status="404" title={t('app.pageNotFound')} />;

  return (
    <ErrorBoundary key={path} fallback={<Result status="error" title={t('common.unknownError')} />}>
      <Suspense fallback={<Spin aria-label={t('common.loading')} />}>{page}</Suspense>
    </ErrorBoundary>
  );
}
