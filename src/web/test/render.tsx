import type { ReactElement } from 'react';
import { cleanup, render } from '@testing-library/react';
import { afterEach } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { AppProviders } from '../app/App.js';
import type { Locale } from '../i18n/i18n.js';

// jsdom has no matchMedia; antd's responsive grid asks for it.
if (typeof window !== 'undefined' && !window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(cleanup);

/**
 * Renders inside the app's providers (i18n, antd, a fresh QueryClient without retries); `prepare` fills the
 * client first (e.g. who is signed in).
 */
export function renderInApp(
  ui: ReactElement,
  { locale = 'fa', prepare }: { locale?: Locale; prepare?: (client: QueryClient) => void } = {},
) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  prepare?.(queryClient);
  return {
    queryClient,
    ...render(
      <AppProviders locale={locale} queryClient={queryClient}>
        {ui}
      </AppProviders>,
    ),
  };
}
