import { describe, expect, it } from 'vitest';
import { intakeStatuses } from '../../../domain/intake/intake.schema.js';
import { messageTypes } from '../../../domain/messages/envelope.js';
import { deficiencyCodes, orderKinds, rejectionCodes } from '../../../domain/messages/bodies.js';
import { caseMessageSchema } from '../../../domain/messages/case-messages.schema.js';
import { orderStatuses } from '../../../domain/orders/orders.schema.js';
import { submissionStatuses } from '../../../domain/submission/submission.schema.js';
import { dictionaries, lookup } from '../../i18n/i18n.js';

const submissionEvents = [
  'prepared',
  'withdrawn',
  'queued',
  'delivered',
  'supplement_delivered',
  'supplemented',
  'registered',
  'returned',
  'rejected',
];

const expectLabels = (keys: string[]) => {
  for (const key of keys) {
    expect(lookup(dictionaries.fa, key), `fa ${key}`).toBeTypeOf('string');
    expect(lookup(dictionaries.en, key), `en ${key}`).toBeTypeOf('string');
  }
};

describe('the labels of the exchange', () => {
  it('say every deficiency and rejection code as a sentence (the codes are keys)', () => {
    expectLabels([...deficiencyCodes, ...rejectionCodes, 'deficiency.unknown', 'rejection.unknown']);
  });

  it('name every order kind, order status and outcome', () => {
    expectLabels(orderKinds.map((k) => `orders.kinds.${k}`));
    expectLabels(orderStatuses.map((s) => `orders.status.${s}`));
    expectLabels(['orders.outcome.closed', 'orders.outcome.more_requested']);
  });

  it('name every message type, transport status and signature check', () => {
    expectLabels(messageTypes.map((t) => `messages.types.${t}`));
    expectLabels(caseMessageSchema.shape.status.options.map((s) => `messages.status.${s}`));
    expectLabels(
      caseMessageSchema.shape.verification.shape.signature.options.map((s) => `messages.signature.${s}`),
    );
  });

  it('name every sending status, sending event and intake status', () => {
    expectLabels(submissionStatuses.map((s) => `submission.status.${s}`));
    expectLabels(submissionEvents.map((e) => `submission.events.${e}`));
    expectLabels(intakeStatuses.map((s) => `intake.status.${s}`));
  });
});
