import { lazy, Suspense, useState, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import type { Locale as AntdLocale } from 'antd/es/locale/index.js';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import faIR from 'antd/es/locale/fa_IR.js';
import enUS from 'antd/es/locale/en_US.js';
import { I18nProvider, useI18n, type Locale } from '../i18n/i18n.js';
import { createQueryClient } from './query-client.js';
import { matchPath, usePath } from './router.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { SessionGate } from './SessionGate.js';
import { theme } from './theme.js';

// antd ships no `type: module`, so under NodeNext TypeScript types these default imports as the CommonJS
// namespace; the bundler (and vitest) hand over the ESM default, which is the Locale object.
const antdLocales = { fa: faIR, en: enUS } as unknown as Record<Locale, AntdLocale>;

/** antd in the UI language: Persian right-to-left, English left-to-right. */
function LocalisedAntd({ children }: { children: ReactNode }) {
  const { locale, dir } = useI18n();
  return (
    <ConfigProvider direction={dir} locale={antdLocales[locale]} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** Every provider the screens need, around any content (tests render screens inside it too). */
export function AppProviders({
  children,
  locale,
  queryClient,
}: {
  children: ReactNode;
  locale?: Locale;
  queryClient?: QueryClient;
}) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <I18nProvider {...(locale ? { locale } : {})}>
      <QueryClientProvider client={client}>
        <LocalisedAntd>{children}</LocalisedAntd>
      </QueryClientProvider>
    </I18nProvider>
  );
}

// The public tracking page is its own chunk: complainants on a phone download nothing of the station's app.
const TrackingPage = lazy(() =>
  import('../features/tracking/TrackingPage.js').then((m) => ({ default: m.TrackingPage })),
);

/** `#/track` is public (no session is asked for); everything else goes through the session. */
function Root() {
  const { t } = useI18n();
  const path = usePath();
  if (matchPath('/track', path))
    return (
      <Suspense fallback={<Spin aria-label={t('common.loading')} />}>
        <TrackingPage />
      </Suspense>
    );
  return <SessionGate />;
}

/** The web app: providers, the banner of a node that does not answer, then the public tracking page, the sign-in page or the signed-in shell. */
export function App() {
  return (
    <AppProviders>
      <ConnectionBanner />
      <Root />
    </AppProviders>
  );
}
