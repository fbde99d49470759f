/** The training view reaches the webview at most every 200 ms, always as its newest state; epochs and the end at once. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ViewThrottle } from '../../extension/training/viewThrottle';

describe('ViewThrottle', () => {
  beforeEach(() => vi.useFakeTimers({ now: 10_000 }));
  afterEach(() => vi.useRealTimers());

  it('posts the first request at once, then one post per interval carrying the newest view', () => {
    let view = 0;
    const posted: number[] = [];
    const throttle = new ViewThrottle(() => posted.push(view), 200);
    view = 1;
    throttle.request(false);
    for (view = 2; view <= 9; view++) {
      vi.advanceTimersByTime(20);
      throttle.request(false);
    }
    view = 9;
    expect(posted).toEqual([1]);
    vi.advanceTimersByTime(40); // 200 ms after the first post
    expect(posted).toEqual([1, 9]);
    vi.advanceTimersByTime(1000);
    expect(posted).toEqual([1, 9]);
  });

  it('an immediate request posts now and drops the pending one', () => {
    let view = 'a';
    const posted: string[] = [];
    const throttle = new ViewThrottle(() => posted.push(view), 200);
    throttle.request(false);
    vi.advanceTimersByTime(50);
    view = 'b';
    throttle.request(false);
    view = 'epoch';
    throttle.request(true);
    expect(posted).toEqual(['a', 'epoch']);
    vi.advanceTimersByTime(500);
    expect(posted).toEqual(['a', 'epoch']);
    throttle.request(false); // 500 ms later: due, so at once
    expect(posted).toEqual(['a', 'epoch', 'epoch']);
  });

  it('cancel drops a pending post', () => {
    const posted: number[] = [];
    const throttle = new ViewThrottle(() => posted.push(1), 200);
    throttle.request(false);
    throttle.request(false);
    throttle.cancel();
    vi.advanceTimersByTime(1000);
    expect(posted).toEqual([1]);
  });
});
