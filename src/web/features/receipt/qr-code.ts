/**
 * The public tracking page of this same node for a tracking code (`https://node/#/track?code=…`).
 * The national ID is never in it: the complainant types it, so that a lost receipt reveals nothing.
 */
export function trackingUrl(origin: string, trackingCode: string): string {
  return `${origin}/#/track?code=${encodeURIComponent(trackingCode)}`;
}
