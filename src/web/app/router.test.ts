import { describe, expect, it } from 'vitest';
import { matchPath, routeQuery, withQuery } from './router.js';

describe('the hash router', () => {
  it('matches a path with parameters and ignores its query', () => {
    expect(matchPath('/cases/:id/receipt', '/cases/42/receipt?print=1')).toEqual({ id: '42' });
    expect(matchPath('/cases/:id', '/cases/42/receipt')).toBeNull();
  });

  it('reads and writes the query of a route, leaving out empty params', () => {
    expect(routeQuery('/cases?q=%DB%B1%DB%B2').get('q')).toBe('۱۲');
    expect(routeQuery('/cases').get('q')).toBeNull();
    expect(withQuery('/cases', { q: 'رضایی', page: '' })).toBe('/cases?q=%D8%B1%D8%B6%D8%A7%DB%8C%DB%8C');
    expect(withQuery('/cases', { q: '' })).toBe('/cases');
  });
});
