/** The public face of `orders`: what other modules may use of it (and nothing else). */
export { issueOrder } from './issue-order.usecase.js';
export { findOrder } from './orders.repository.js';
export { registerOrderRoutes } from './orders.routes.js';
export { orderHandlers } from './order-messages.handlers.js';
