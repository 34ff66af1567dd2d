import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { SessionUser } from '../../domain/auth.schema.js';
import { sessionKey } from '../features/auth/api.js';
import { useI18n } from '../i18n/i18n.js';
import { dropDraft, draftKey, keepDraft, readDraft, type StoredDraft } from './form-draft.js';
import { formatInstant } from './JalaliTime.js';

/** What the hook needs of an antd form instance. */
interface DraftableForm<T> {
  getFieldsValue(all: true): T;
  setFieldsValue(values: T): void;
}

/**
 * Keeps a form's content in the browser as it is typed (per signed-in user and `formId`), and offers it
 * back when the form comes again — after a reload, a crash or signing in anew: «restore your unsaved draft
 * from <time>?». The one hook every form uses:
 *
 * ```tsx
 * const draft = useFormDraft(form, `orders.issue.${intakeId}`);
 * <Form form={form} onValuesChange={draft.keep}>{draft.offer}…</Form>
 * // saved, or discarded: draft.clear()
 * ```
 *
 * A form held in React state instead passes `{ getFieldsValue, setFieldsValue }` over its state and calls
 * `keepValues(next)` as it changes.
 */
export function useFormDraft<T>(
  form: DraftableForm<T>,
  formId: string,
  { storage = globalThis.localStorage, now = () => new Date() }: { storage?: Storage; now?: () => Date } = {},
): { keep: () => void; keepValues: (values: T) => void; clear: () => void; offer: ReactNode } {
  const queryClient = useQueryClient();
  const userId = queryClient.getQueryData<SessionUser | null>(sessionKey)?.id;
  const key = userId ? draftKey(userId, formId) : null;
  const [offered, setOffered] = useState<StoredDraft<T> | null>(() =>
    key && storage ? readDraft<T>(storage, key, now()) : null,
  );
  const nowRef = useRef(now);
  nowRef.current = now;

  const keepValues = useCallback(
    (values: T) => {
      if (!key || !storage) return;
      // Typing anew is the answer to the offer: what was kept before is replaced.
      setOffered(null);
      keepDraft(storage, key, values, nowRef.current());
    },
    [key, storage],
  );
  const keep = useCallback(() => keepValues(form.getFieldsValue(true)), [form, keepValues]);

  const clear = useCallback(() => {
    setOffered(null);
    if (key && storage) dropDraft(storage, key);
  }, [key, storage]);

  const offer = offered ? (
    <DraftOffer
      savedAt={offered.savedAt}
      onRestore={() => {
        form.setFieldsValue(offered.values);
        setOffered(null);
      }}
      onDiscard={clear}
    />
  ) : null;
  return { keep, keepValues, clear, offer };
}

function DraftOffer(props: { savedAt: string; onRestore: () => void; onDiscard: () => void }) {
  const { t, locale } = useI18n();
  return (
    <Alert
      type="info"
      showIcon
      role="status"
      style={{ marginBlockEnd: 12 }}
      message={t('drafts.offer', { time: formatInstant(locale, new Date(props.savedAt)) })}
      action={
        <Space>
          <Button size="small" type="primary" onClick={props.onRestore}>
            {t('drafts.restore')}
          </Button>
          <Button size="small" onClick={props.onDiscard}>
            {t('drafts.discard')}
          </Button>
        </Space>
      }
    />
  );
}
