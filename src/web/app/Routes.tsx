import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Result, Spin } from 'antd';
import type { SessionUser } from '../../domain/auth.schema.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { roleAreas } from './role-areas.js';
import { exchangeAreas } from '../features/intake/office-areas.js';
import { matchPath, navigate, usePath } from './router.js';
import { prefetchRouteData } from './route-data.js';
import { useQueryClient } from '@tanstack/react-query';

// Feature screens are split out of the first download: the sign-in page loads none of them.
const DashboardPage = lazy(() =>
  import('../features/dashboard/DashboardPage.js').then((m) => ({ default: m.DashboardPage })),
);
const CaseListPage = lazy(() =>
  import('../features/cases/CaseListPage.js').then((m) => ({ default: m.CaseListPage })),
);
const NewCasePage = lazy(() =>
  import('../features/cases/NewCasePage.js').then((m) => ({ default: m.NewCasePage })),
);
const CasePage = lazy(() => import('../features/cases/CasePage.js').then((m) => ({ default: m.CasePage })));
const ReceiptPage = lazy(() =>
  import('../features/receipt/ReceiptPage.js').then((m) => ({ default: m.ReceiptPage })),
);
const CaseFileSheets = lazy(() =>
  import('../features/paper/CaseFileSheets.js').then((m) => ({ default: m.CaseFileSheets })),
);
const OrderSheet = lazy(() =>
  import('../features/paper/OrderSheet.js').then((m) => ({ default: m.OrderSheet })),
);
const OrganisationsPage = lazy(() =>
  import('../features/admin/OrganisationsPage.js').then((m) => ({ default: m.OrganisationsPage })),
);
const UsersPage = lazy(() =>
  import('../features/admin/UsersPage.js').then((m) => ({ default: m.UsersPage })),
);
const AuditPage = lazy(() =>
  import('../features/admin/AuditPage.js').then((m) => ({ default: m.AuditPage })),
);
const PeersPage = lazy(() =>
  import('../features/admin/PeersPage.js').then((m) => ({ default: m.PeersPage })),
);
const IntakeQueuePage = lazy(() =>
  import('../features/intake/IntakeQueuePage.js').then((m) => ({ default: m.IntakeQueuePage })),
);
const IntakeFilePage = lazy(() =>
  import('../features/intake/IntakeFilePage.js').then((m) => ({ default: m.IntakeFilePage })),
);
const FiguresPage = lazy(() =>
  import('../features/figures/FiguresPage.js').then((m) => ({ default: m.FiguresPage })),
);
const RolloutPage = lazy(() =>
  import('../features/rollout/RolloutPage.js').then((m) => ({ default: m.RolloutPage })),
);
const EscortsPage = lazy(() =>
  import('../features/escorts/EscortsPage.js').then((m) => ({ default: m.EscortsPage })),
);
const SecurityPage = lazy(() =>
  import('../features/account/SecurityPage.js').then((m) => ({ default: m.SecurityPage })),
);
const OrdersPage = lazy(() =>
  import('../features/orders/OrdersPage.js').then((m) => ({ default: m.OrdersPage })),
);

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to), [to]);
  return null;
}

/** The screens, by hash path. */
export function Routes({ user }: { user: SessionUser }) {
  const { t } = useI18n();
  const path = usePath();
  const areas = roleAreas(user);
  const exchange = exchangeAreas(user);
  const queryClient = useQueryClient();
  const station = areas.station;
  const intake = exchange.intake;
  useEffect(
    () => prefetchRouteData(queryClient, path, { station, intake }),
    [queryClient, path, station, intake],
  );

  let page: ReactNode;
  let params: Record<string, string> | null;
  if (matchPath('/', path)) {
    if (areas.station) page = <DashboardPage />;
    else if (exchange.intake) page = <Redirect to="/intake" />;
    else if (areas.admin) page = <Redirect to="/admin/organisations" />;
    else if (areas.escorts) page = <Redirect to="/escorts" />;
    else if (areas.figures) page = <Redirect to="/figures" />;
    else if (areas.audit) page = <Redirect to="/admin/audit" />;
    else page = <Result status="info" title={t('app.notYetAvailable')} />;
  } else if (areas.station && matchPath('/cases', path)) page = <CaseListPage />;
  else if (areas.station && matchPath('/cases/new', path)) page = <NewCasePage />;
  else if (areas.station && (params = matchPath('/cases/:id/receipt', path)))
    page = <ReceiptPage key={params.id} caseId={params.id!} />;
  else if (areas.station && (params = matchPath('/cases/:id/print', path)))
    page = <CaseFileSheets key={params.id} caseId={params.id!} />;
  else if (areas.station && (params = matchPath('/cases/:id', path)))
    page = <CasePage key={params.id} id={params.id!} />;
  else if (exchange.intake && matchPath('/intake', path)) page = <IntakeQueuePage />;
  else if (exchange.intake && (params = matchPath('/intake/:id', path)))
    page = <IntakeFilePage key={params.id} id={params.id!} />;
  else if (exchange.orders && matchPath('/orders', path)) page = <OrdersPage />;
  else if (exchange.orders && (params = matchPath('/orders/:orderId/print', path)))
    page = <OrderSheet key={params.orderId} orderId={params.orderId!} />;
  else if (areas.figures && matchPath('/figures', path)) page = <FiguresPage />;
  else if (areas.rollout && matchPath('/rollout', path)) page = <RolloutPage canManage={areas.admin} />;
  else if (areas.escorts && matchPath('/escorts', path)) page = <EscortsPage />;
  else if (areas.admin && matchPath('/admin/organisations', path)) page = <OrganisationsPage />;
  else if (areas.admin && matchPath('/admin/users', path)) page = <UsersPage />;
  else if (areas.admin && matchPath('/admin/peers', path)) page = <PeersPage />;
  else if (areas.audit && matchPath('/admin/audit', path)) page = <AuditPage />;
  else if (matchPath('/account/security', path)) page = <SecurityPage user={user} />;
  else page = <Result status="404" title={t('app.pageNotFound')} />;

  return (
    <ErrorBoundary
      key={path.split('?')[0]}
      fallback={<Result status="error" title={t('common.unknownError')} />}
    >
      <Suspense fallback={<Spin aria-label={t('common.loading')} />}>{page}</Suspense>
    </ErrorBoundary>
  );
}
