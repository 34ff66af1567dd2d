import { useSyncExternalStore } from 'react';

/**
 * A tiny hash router (`#/cases/123`): the node serves one index.html, so hash routes need no
 * server fallback, and no router dependency is needed for a handful of screens.
 */
function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentPath = () => window.location.hash.replace(/^#/, '') || '/';

/** The current route path, e.g. `/cases/123`. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath, () => '/');
}

/** Goes to a route path. */
export function navigate(path: string): void {
  window.location.hash = path;
}

/** The href of a route path, for links. */
export const href = (path: string) => `#${path}`;

/** Matches `/cases/:id` against `/cases/123` → `{ id: '123' }`; null when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('?')[0]!.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i]!;
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(h);
    else if (w !== h) return null;
  }
  return params;
}

/** The query of a route path: `/cases?q=12` → `q=12`. */
export function routeQuery(path: string): URLSearchParams {
  const at = path.indexOf('?');
  return new URLSearchParams(at >= 0 ? path.slice(at + 1) : '');
}

/** A route path with a query, leaving out empty params: `withQuery('/cases', { q: '12' })` → `/cases?q=12`. */
export function withQuery(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
