/** Where a person is escorted to (بدرقه): the places a station takes detainees and prisoners. */
export const escortDestinations = [
  'prosecutor_office',
  'court',
  'prison',
  'forensic_medicine',
  'hospital',
  'other',
] as const;
export type EscortDestination = (typeof escortDestinations)[number];

/**
 * An escort's steps: requested by the station, assigned by the escort unit to its officers, the person
 * picked up from the station (hand-over), delivered at the destination (hand-over); or cancelled by the
 * station before the pick-up.
 */
export const escortStatuses = ['requested', 'assigned', 'picked_up', 'delivered', 'cancelled'] as const;
export type EscortStatus = (typeof escortStatuses)[number];

/** The two hand-overs of an escort (تحویل و تحول): from the station, and at the destination. */
export const handOverStages = ['picked_up', 'delivered'] as const;
export type HandOverStage = (typeof handOverStages)[number];
