import type { MessageHandlers } from './message-handlers.js';

/** The business effect of each message type on the receiving side (intake, orders, the station's case). */
export const messageHandlers: MessageHandlers = {};
