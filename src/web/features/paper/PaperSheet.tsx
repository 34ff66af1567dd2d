import type { ReactNode } from 'react';
import { Button, Space } from 'antd';
import { JalaliTime } from '../../components/JalaliTime.js';
import { useI18n } from '../../i18n/i18n.js';
import './paper.css';

/**
 * One A4 sheet (`paper.css`: the named page `sheet-fa` or `sheet-en`, numbered at its foot in the
 * language's digits): a head with the sheet's title, the organisation that prints it and when.
 */
export function PaperSheet({
  title,
  orgName,
  printedAt,
  testId,
  children,
}: {
  title: string;
  orgName: string;
  printedAt: Date;
  testId: string;
  children: ReactNode;
}) {
  const { t, locale } = useI18n();
  return (
    <article className={`cb-sheet cb-sheet-${locale}`} data-testid={testId}>
      <header className="cb-sheet-head">
        <div>
          <h1 className="cb-sheet-title">{title}</h1>
          <div>{orgName}</div>
        </div>
        <div className="cb-sheet-printed">
          {t('paper.printedAt')}: <JalaliTime at={printedAt.toISOString()} />
        </div>
      </header>
      {children}
    </article>
  );
}

/** A label and its value, in the sheets' two-column table of facts. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}

/** The print button and the way back, shown on screen only. */
export function PrintBar({ back }: { back: { href: string; label: string } }) {
  const { t } = useI18n();
  return (
    <Space className="cb-no-print" wrap>
      <Button type="primary" onClick={() => window.print()}>
        {t('paper.print')}
      </Button>
      <Button href={back.href}>{back.label}</Button>
    </Space>
  );
}
