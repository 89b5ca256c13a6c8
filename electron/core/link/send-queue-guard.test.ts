import { describe, expect, it } from 'vitest';
import { CLOSE_SEND_QUEUE_FULL, createSendQueueGuard } from './send-queue-guard';

describe('the send-queue guard', () => {
  it('lets a queue up to the limit pass and cuts once past it, naming the bytes', () => {
    let queued = 0;
    const guard = createSendQueueGuard(() => queued, 100);
    queued = 100;
    expect(guard.check()).toBeUndefined();
    expect(guard.cut).toBeUndefined();
    queued = 101;
    const cut = {
      code: CLOSE_SEND_QUEUE_FULL,
      reason: 'peer not reading: 101 bytes waiting to be sent (limit 100)',
    };
    expect(guard.check()).toEqual(cut);
    // Once: the caller cuts the link on the first answer, and the close reports `cut`.
    queued = 500;
    expect(guard.check()).toBeUndefined();
    expect(guard.cut).toEqual(cut);
  });
});
