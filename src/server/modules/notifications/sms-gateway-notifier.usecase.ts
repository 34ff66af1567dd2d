import { NotifierError, type Notifier, type SmsGatewaySettings } from './notifier.ports.js';

/**
 * An HTTP SMS gateway: POST `{ to, text, reference }` as JSON to the configured URL, with the configured
 * bearer token. 2xx: accepted. 429 and 5xx, a timeout or a network error: retryable. Any other answer
 * (400, 401, 403, …) is the gateway refusing this message: not retried.
 */
export function createSmsGatewayNotifier(settings: SmsGatewaySettings): Notifier {
  return {
    name: 'sms',
    async send(message) {
      let res: Response;
      try {
        res = await fetch(settings.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(settings.token ? { authorization: `Bearer ${settings.token}` } : {}),
          },
          body: JSON.stringify({ to: message.to, text: message.text, reference: message.id }),
          signal: AbortSignal.timeout(settings.timeoutMs),
        });
      } catch (error) {
        const timedOut =
          error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        throw new NotifierError(
          timedOut ? 'sms.timeout' : 'sms.unreachable',
          timedOut ? `no answer in ${settings.timeoutMs} ms` : String((error as Error).message),
          true,
        );
      }
      // The body is read (and bounded) only to free the connection and keep a short reason.
      const reason = (await res.text().catch(() => '')).slice(0, 200);
      if (res.ok) return;
      const retryable = res.status === 429 || res.status >= 500;
      throw new NotifierError(`sms.http_${res.status}`, reason || res.statusText, retryable);
    },
  };
}
