import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n.js';
import { formatFigure, returnRate } from './figure-columns.js';

const fa = {
  locale: 'fa' as const,
  t: (key: string, params?: Record<string, string | number>) => translate('fa', key, params),
};
const en = {
  locale: 'en' as const,
  t: (key: string, params?: Record<string, string | number>) => translate('en', key, params),
};

describe('showing a figure', () => {
  it('writes counts, hours and shares with Persian digits and separators in Persian', () => {
    expect(formatFigure(fa, 'count', 1234)).toBe('۱٬۲۳۴');
    expect(formatFigure(fa, 'percent', 1 / 3)).toBe('۳۳٪');
    expect(formatFigure(en, 'count', 1234)).toBe('1,234');
    expect(formatFigure(en, 'percent', 0.5)).toBe('50%');
  });

  it('says a duration in minutes under an hour, in hours up to two days, in days beyond', () => {
    expect(formatFigure(fa, 'hours', 0.25)).toBe('۱۵ دقیقه');
    expect(formatFigure(fa, 'hours', 2.54)).toBe('۲٫۵ ساعت');
    expect(formatFigure(fa, 'hours', 72)).toBe('۳ روز');
    expect(formatFigure(en, 'hours', 30)).toBe('30 hours');
  });

  it('shows a dash where the period had nothing to measure', () => {
    expect(formatFigure(fa, 'hours', null)).toBe('—');
    expect(returnRate({ registered: 0, returned: 0, rejected: 0 })).toBeNull();
    expect(returnRate({ registered: 2, returned: 1, rejected: 1 })).toBe(0.25);
  });
});
