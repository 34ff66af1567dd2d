import type { ThemeConfig } from 'antd';

/** Vazirmatn (bundled from the `vazirmatn` package, no external request) for both languages. */
export const theme: ThemeConfig = {
  token: {
    fontFamily: "Vazirmatn, system-ui, -apple-system, 'Segoe UI', Tahoma, sans-serif",
    colorPrimary: '#1f5fa8',
    borderRadius: 6,
  },
};
