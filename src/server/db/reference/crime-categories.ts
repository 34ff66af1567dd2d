/**
 * Crime categories used to classify a case at the station.
 * Source: the offence groups of the Islamic Penal Code (1392) Book 5 (تعزیرات) and the police's own
 * complaint categories as described in research/domain-brief.md; a working list, not a legal taxonomy.
 */
export const crimeCategories: readonly { code: string; nameFa: string; nameEn: string }[] = [
  { code: 'theft', nameFa: 'سرقت', nameEn: 'Theft' },
  { code: 'fraud', nameFa: 'کلاهبرداری', nameEn: 'Fraud' },
  { code: 'breach_of_trust', nameFa: 'خیانت در امانت', nameEn: 'Breach of trust' },
  { code: 'assault', nameFa: 'ضرب و جرح عمدی', nameEn: 'Assault' },
  { code: 'threat', nameFa: 'تهدید', nameEn: 'Threat' },
  { code: 'insult', nameFa: 'توهین و افترا', nameEn: 'Insult and defamation' },
  { code: 'drugs', nameFa: 'جرائم مواد مخدر', nameEn: 'Drug offences' },
  { code: 'traffic_injury', nameFa: 'صدمه بدنی ناشی از تصادف', nameEn: 'Traffic injury' },
  { code: 'domestic_violence', nameFa: 'خشونت خانگی', nameEn: 'Domestic violence' },
  { code: 'cybercrime', nameFa: 'جرائم رایانه‌ای', nameEn: 'Cybercrime' },
  { code: 'property_damage', nameFa: 'تخریب', nameEn: 'Property damage' },
  { code: 'bounced_cheque', nameFa: 'صدور چک بلامحل', nameEn: 'Bounced cheque' },
  { code: 'other', nameFa: 'سایر', nameEn: 'Other' },
];
