/** One outbound message: to a phone number, a text, and the id of its delivery record. */
export interface OutboundMessage {
  id: string;
  to: string;
  text: string;
}

/** Why a message could not be carried; `retryable` when trying again later may succeed. */
export class NotifierError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/**
 * The outbound channel (issue 19): a log/outbox one (the default: the delivery record is the message) and
 * an HTTP SMS gateway. `send` resolves when the message was accepted and throws `NotifierError` otherwise.
 */
export interface Notifier {
  readonly name: 'log' | 'sms';
  send(message: OutboundMessage): Promise<void>;
}

/** The SMS gateway's settings (README: SMS_GATEWAY_*). */
export interface SmsGatewaySettings {
  url: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token: string | null;
  timeoutMs: number;
}

/** The text of a complainant's one-time code; holds `{code}` (checked at start). */
export interface NotifierTemplates {
  otp: string;
}
