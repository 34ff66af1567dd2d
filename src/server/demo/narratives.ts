import type { Random } from './random.js';

/** What a narrative template can mention: filled in from the case being generated. */
export interface NarrativeFacts {
  street: string;
  timeOfDay: string;
  item: string;
  amount: string;
  vehicle: string;
}

/**
 * Narrative templates per crime category, written the way a complaint or an officer's report
 * reads (کوتاه، اول‌شخص برای شاکی، سوم‌شخص برای گزارش). `{street}` etc. are filled from the facts.
 */
const templates: Record<string, readonly string[]> = {
  theft: [
    'اینجانب {timeOfDay} متوجه شدم {item} از داخل منزل واقع در {street} به سرقت رفته است. درب ورودی آسیب دیده بود.',
    'حین تردد در {street} فردی موتورسوار {item} اینجانب را قاپید و متواری شد.',
    'خودروی اینجانب در {street} پارک بود که {timeOfDay} متوجه شدم شیشه شکسته و {item} سرقت شده است.',
  ],
  fraud: [
    'فردی با معرفی خود به‌عنوان کارمند بانک تماس گرفت و با فریب اینجانب مبلغ {amount} ریال از حسابم برداشت کرد.',
    'برای خرید {item} از طریق آگهی اینترنتی مبلغ {amount} ریال واریز کردم ولی کالا تحویل نشد و فروشنده پاسخگو نیست.',
  ],
  breach_of_trust: ['{item} را به‌صورت امانی به مشتکی‌عنه سپرده بودم که از استرداد آن خودداری می‌کند.'],
  assault: [
    '{timeOfDay} در {street} بر سر جای پارک درگیری لفظی ایجاد شد و مشتکی‌عنه با مشت به صورت اینجانب ضربه زد. گواهی پزشکی قانونی پیوست است.',
    'طبق گزارش مأمور گشت، {timeOfDay} در {street} دو نفر با یکدیگر درگیر شده بودند که یکی از طرفین مجروح و به بیمارستان منتقل شد.',
  ],
  threat: [
    'مشتکی‌عنه از طریق پیامک و تماس تلفنی اینجانب را به قتل و آسیب رساندن به خانواده‌ام تهدید کرده است.',
  ],
  insult: [
    'مشتکی‌عنه {timeOfDay} در محل کسب اینجانب در {street} در حضور مشتریان به اینجانب فحاشی و توهین کرد.',
  ],
  drugs: [
    'در جریان ایست و بازرسی در {street} از داخل {vehicle} مقداری مواد مخدر صنعتی کشف و متهم دستگیر شد.',
    'به دنبال گزارش مردمی، مأموران {timeOfDay} در {street} فردی را در حال خرید و فروش مواد مخدر دستگیر کردند.',
  ],
  traffic_injury: [
    '{timeOfDay} در {street} {vehicle} با عابر پیاده برخورد کرد و عابر مصدوم شد. کروکی افسر کاردان پیوست است.',
  ],
  domestic_violence: [
    'شاکیه اظهار می‌دارد همسرش {timeOfDay} در منزل واقع در {street} او را مورد ضرب و جرح قرار داده است.',
  ],
  cybercrime: [
    'حساب کاربری اینجانب در پیام‌رسان هک شده و از آن برای درخواست پول از مخاطبانم به مبلغ {amount} ریال استفاده شده است.',
  ],
  property_damage: [
    '{timeOfDay} فرد یا افرادی ناشناس در {street} شیشه‌های {vehicle} اینجانب را شکسته و بدنه را خط انداخته‌اند.',
  ],
  bounced_cheque: [
    'چکی به مبلغ {amount} ریال بابت {item} از مشتکی‌عنه دریافت کردم که در سررسید به علت کسری موجودی برگشت خورد.',
  ],
  other: ['شاکی در خصوص موضوعی در {street} مراجعه و اظهاراتی نموده که مراتب جهت رسیدگی گزارش می‌شود.'],
};

const times = [
  'صبح امروز',
  'دیروز حوالی ظهر',
  'شب گذشته حدود ساعت ۲۳',
  'بامداد امروز',
  'عصر روز گذشته',
  'حدود ساعت ۱۸',
];
const items = [
  'گوشی تلفن همراه',
  'کیف پول به همراه مدارک شناسایی',
  'لپ‌تاپ',
  'طلاجات',
  'دوچرخه',
  'ضبط و باتری خودرو',
  'مبلغی وجه نقد',
];
const vehicles = ['خودروی پژو ۲۰۶', 'خودروی پراید', 'موتورسیکلت هوندا', 'خودروی سمند', 'خودروی تیبا'];
const amounts = ['۵۰٬۰۰۰٬۰۰۰', '۱۲۰٬۰۰۰٬۰۰۰', '۸۵۰٬۰۰۰٬۰۰۰', '۲٬۳۰۰٬۰۰۰٬۰۰۰', '۳۵٬۰۰۰٬۰۰۰'];

/** A narrative for a case of the given category, in the given street. */
export function demoNarrative(random: Random, categoryCode: string, street: string): string {
  const options = templates[categoryCode] ?? templates.other ?? [];
  const facts: NarrativeFacts = {
    street,
    timeOfDay: random.pick(times),
    item: random.pick(items),
    amount: random.pick(amounts),
    vehicle: random.pick(vehicles),
  };
  return random
    .pick(options)
    .replace(/\{(\w+)\}/g, (_m, key: string) => facts[key as keyof NarrativeFacts] ?? '');
}
