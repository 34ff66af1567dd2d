import { Segmented } from 'antd';
import { locales, useI18n, type Locale } from '../i18n/i18n.js';

/** fa / en. Each language is named in itself. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Segmented<Locale>
      size="small"
      aria-label={t('app.language')}
      value={locale}
      options={locales.map((l) => ({ value: l, label: <span lang={l}>{t(`app.languages.${l}`)}</span> }))}
      onChange={setLocale}
    />
  );
}
