import type { orderKinds } from '../../domain/messages/bodies.js';

/**
 * What the demo's people write as the exchange plays: the office's coded deficiencies and reasons with a
 * line of explanation, the stations' notes and reports, the orders' texts — in the words a clerk, a judge
 * and an officer would use.
 */
export const demoExchangeTexts = {
  fileNames: { complaint: 'شکوائیه', report: 'گزارش ضابط', evidence: 'صورت‌جلسه‌ی تکمیلی' },
  branches: ['شعبه‌ی ۱ دادیاری', 'شعبه‌ی ۲ دادیاری', 'شعبه‌ی ۳ بازپرسی', 'شعبه‌ی ۵ بازپرسی'],
  judges: ['دادیار صالحی', 'بازپرس نوری', 'دادیار کاظمی', 'بازپرس رحمانی'],
  deficiencies: [
    { code: 'deficiency.evidence' as const, text: 'تصاویر دوربین مداربسته‌ی محل وقوع پیوست شود.' },
    { code: 'deficiency.witness_statement' as const, text: 'اظهارات شاهد ذکرشده در گزارش اخذ و پیوست شود.' },
    { code: 'deficiency.party_identity' as const, text: 'نشانی و شماره‌ی تماس شاکی کامل نیست.' },
    { code: 'deficiency.medical_report' as const, text: 'گواهی پزشکی قانونی شاکی پیوست شود.' },
    { code: 'deficiency.accused_statement' as const, text: 'صورت‌جلسه‌ی تحقیق از متهم امضا نشده است.' },
  ],
  rejections: [
    {
      code: 'rejection.not_criminal' as const,
      text: 'موضوع اختلاف مالی و حقوقی است؛ شاکی به دادگاه حقوقی راهنمایی شود.',
    },
    { code: 'rejection.duplicate' as const, text: 'همین شکایت پیش‌تر با شماره‌ی دیگری ثبت شده است.' },
  ],
  supplementNotes: [
    'نقص اعلام‌شده برطرف و صورت‌جلسه‌ی تکمیلی پیوست شد.',
    'مدارک خواسته‌شده اخذ و به پیوست ارسال می‌شود.',
  ],
  supplementDocument:
    'صورت‌جلسه‌ی تکمیلی\nبه دستور مقام محترم قضایی، موارد خواسته‌شده اخذ و به پیوست تقدیم می‌شود.\n',
  orderKinds: [
    'investigation',
    'summons',
    'forensic_referral',
    'investigation',
  ] satisfies (typeof orderKinds)[number][],
  orders: [
    'از شهود معرفی‌شده تحقیق و نتیجه گزارش شود.',
    'متهم برای ادای توضیح احضار شود.',
    'شاکی جهت معاینه به پزشکی قانونی معرفی و نتیجه اعلام شود.',
    'محل وقوع بازدید و صورت‌جلسه‌ی آن تنظیم شود.',
  ],
  escortPlace: 'دادسرای عمومی و انقلاب ناحیه‌ی ۴ تهران، شعبه‌ی ۲ بازپرسی',
  escortReasons: [
    'معرفی متهم به بازپرس پیش از پایان مهلت تحت نظر',
    'حضور متهم برای تفهیم اتهام و اخذ آخرین دفاع',
  ],
  escortOfficers: [
    'ستوان یکم کریمی، استوار نادری',
    'ستوان دوم رحیمی، گروهبان احمدی',
    'استوار یکم نوری، سرباز وظیفه صالحی',
  ],
  escortVehicles: ['ون ۲۲ ب ۴۵۶ ایران ۱۰', 'سواری ۴۴ ج ۷۸۱ ایران ۲۰'],
  stationOfficers: ['ستوان محمدی', 'ستوان رضایی', 'استوار حسینی'],
  officeClerks: ['مدیر دفتر شعبه‌ی ۲ بازپرسی', 'متصدی دفتر دادسرا'],
  reports: [
    'از دو شاهد تحقیق شد و صورت‌جلسه‌ی آن پیوست است.',
    'متهم احضار و اظهارات او اخذ شد.',
    'نتیجه‌ی معاینه‌ی پزشکی قانونی واصل و پیوست شد.',
  ],
};

/** The text of the document a demo case is sent with: a complaint as the complainant wrote it, or an officer's report. */
export function demoDocumentText(kind: 'complaint' | 'report', caseNumber: string): string {
  return kind === 'complaint'
    ? `بسمه تعالی\nریاست محترم کلانتری\nبا سلام، احتراماً شکایت خود را به شرح پرونده‌ی ${caseNumber} تقدیم می‌دارم و تقاضای رسیدگی دارم.\n`
    : `گزارش ضابط\nپیرو پرونده‌ی ${caseNumber}، شرح واقعه و اقدامات انجام‌شده به استحضار می‌رسد.\n`;
}
