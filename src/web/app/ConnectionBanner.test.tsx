import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useQuery } from '@tanstack/react-query';
import { ApiError, NETWORK_ERROR } from '../api/client.js';
import { createConnection } from '../api/connection.js';
import { renderInApp } from '../test/render.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { followConnection } from './query-client.js';

/** A node that answers when the test says so. */
function node() {
  let answers = false;
  const connection = createConnection({ probe: async () => answers, baseDelayMs: 60_000 });
  return { connection, answer: () => (answers = true) };
}

/** A screen whose data comes from the node: it fails while the node is away. */
function CaseCount({
  connection,
  calls,
}: {
  connection: ReturnType<typeof node>['connection'];
  calls: string[];
}) {
  const count = useQuery({
    queryKey: ['count'],
    retry: false,
    queryFn: async () => {
      calls.push('fetch');
      if (!connection.getSnapshot().reachable || calls.length === 1) {
        connection.reportUnreachable();
        throw new ApiError(0, NETWORK_ERROR, 'network error');
      }
      return 42;
    },
  });
  return <p>{count.data === undefined ? 'بدون داده' : `پرونده‌ها: ${count.data}`}</p>;
}

describe('ConnectionBanner', () => {
  let cleanupNode: (() => void) | undefined;
  afterEach(() => cleanupNode?.());

  it('says in Persian that the node does not answer, and goes when it answers again', async () => {
    const { connection, answer } = node();
    cleanupNode = () => connection.reportReachable();
    renderInApp(<ConnectionBanner connection={connection} />);
    expect(screen.queryByRole('alert')).toBeNull();
    connection.reportUnreachable();
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('سامانه پاسخ نمی‌دهد.');
    // The countdown to the next try, in Persian digits.
    expect(banner.textContent).toMatch(/تلاش دوباره تا [۰-۹]+ ثانیهٔ دیگر/);
    expect(banner.textContent).not.toMatch(/[0-9A-Za-z]/);
    fireEvent.click(screen.getByRole('button', { name: 'همین حالا تلاش کن' }));
    // Not yet: the node still does not answer.
    await waitFor(() => expect(connection.getSnapshot().retryAt).not.toBeNull());
    expect(screen.getByRole('alert')).toBeTruthy();
    answer();
    fireEvent.click(screen.getByRole('button', { name: 'همین حالا تلاش کن' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('lets a screen that failed during the outage refetch by itself once the node is back', async () => {
    const { connection, answer } = node();
    followConnection(connection);
    cleanupNode = () => {
      connection.reportReachable();
      followConnection();
    };
    const calls: string[] = [];
    renderInApp(
      <>
        <ConnectionBanner connection={connection} />
        <CaseCount connection={connection} calls={calls} />
      </>,
    );
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByText('بدون داده')).toBeTruthy();
    answer();
    await connection.tryNow();
    expect(await screen.findByText('پرونده‌ها: 42')).toBeTruthy();
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
