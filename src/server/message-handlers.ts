import type { MessageHandlers } from './modules/exchange/index.js';
import { custodyNoticeHandlers } from './modules/custody-notice/index.js';
import { escortHandlers } from './modules/escorts/index.js';
import { intakeHandlers } from './modules/intake/index.js';
import { orderHandlers } from './modules/orders/index.js';
import { submissionHandlers } from './modules/submission/index.js';

/**
 * The business effect of each message type on the receiving side, assembled where the node is built:
 * each module that owns message types hands its handlers over through its public face, and the exchange
 * is given the map (`createExchange({ handlers })`) — it never imports a business module.
 */
export const messageHandlers: MessageHandlers = {
  ...intakeHandlers,
  ...submissionHandlers,
  ...orderHandlers,
  ...escortHandlers,
  ...custodyNoticeHandlers,
};
