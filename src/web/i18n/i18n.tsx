import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { toPersianDigits } from '../../domain/persian-text.js';
import fa from './fa.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

/** The UI's languages: Persian first, English second. */
export type Locale = 'fa' | 'en';
export const locales: readonly Locale[] = ['fa', 'en'];

export interface Dictionary {
  [key: string]: string | Dictionary;
}

export const dictionaries: Record<Locale, Dictionary> = { fa, en };

export type Params = Record<string, string | number>;

/** Looks up a dotted key (`errors.auth.locked`) in a nested dictionary; undefined when absent. */
export function lookup(dictionary: Dictionary, key: string): string | undefined {
  let node: string | Dictionary | undefined = dictionary;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * Translates a key with `{name}` placeholders. Number params are written in the locale's digits;
 * string params are inserted as given (people's text is shown exactly as written).
 * A missing key shows the key itself, so that a gap is visible rather than blank.
 */
export function translate(locale: Locale, key: string, params?: Params): string {
  const template = lookup(dictionaries[locale], key) ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatDigits(locale, String(value)) : value;
  });
}

/** Latin digits → the locale's digits (Persian in `fa`), for identifiers and numbers. */
export function formatDigits(locale: Locale, text: string | number): string {
  return locale === 'fa' ? toPersianDigits(text) : String(text);
}

const STORAGE_KEY = 'casebridge.locale';

function initialLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (stored === 'fa' || stored === 'en') return stored;
  } catch {
    // Storage can be blocked (private mode, policy); Persian is the default then.
  }
  return 'fa';
}

export interface I18n {
  locale: Locale;
  dir: 'rtl' | 'ltr';
  setLocale: (locale: Locale) => void;
  t: (key: string, params?: Params) => string;
  /** Does the dictionary hold this key? For open-ended codes (readiness, timeline events). */
  has: (key: string) => boolean;
  digits: (text: string | number) => string;
}

const I18nContext = createContext<I18n | null>(null);

/** Holds the current language, remembers it, and sets `lang`/`dir` on the document root. */
export function I18nProvider({ children, locale: fixed }: { children: ReactNode; locale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => fixed ?? initialLocale());
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered across visits when storage is blocked; the switch still works.
    }
  }, []);

  useEffect(() => {
    const root = document.documentElement;
    root.lang = locale;
    root.dir = locale === 'fa' ? 'rtl' : 'ltr';
    document.title = translate(locale, 'app.name');
  }, [locale]);

  const value = useMemo<I18n>(
    () => ({
      locale,
      dir: locale === 'fa' ? 'rtl' : 'ltr',
      setLocale,
      t: (key, params) => translate(locale, key, params),
      has: (key) => lookup(dictionaries[locale], key) !== undefined,
      digits: (text) => formatDigits(locale, text),
    }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language and its `t()`. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
