/** The training view reaches the webview at most once per interval (200 ms, longer for a large view), always as its newest state; the start and the end at once. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { postIntervalMs, ViewThrottle } from '../../extension/training/viewThrottle';

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

describe('postIntervalMs: the wait after a post grows with the view posted', () => {
  it('200 ms for a small view, ~1 s at 100 kB, never more than 2 s', () => {
    expect(postIntervalMs(0)).toBe(200);
    expect(postIntervalMs(20_000)).toBe(200);
    expect(postIntervalMs(50_000)).toBe(500);
    expect(postIntervalMs(100_000)).toBe(1000);
    expect(postIntervalMs(5_000_000)).toBe(2000);
  });

  it('a throttle reads its interval at each request', () => {
    vi.useFakeTimers({ now: 10_000 });
    let interval = 200;
    const posted: number[] = [];
    const throttle = new ViewThrottle(() => posted.push(Date.now()), () => interval);
    throttle.request(false); // at once
    interval = 1000; // the view just posted was large
    vi.advanceTimersByTime(300);
    throttle.request(false);
    vi.advanceTimersByTime(600);
    expect(posted).toEqual([10_000]);
    vi.advanceTimersByTime(100);
    expect(posted).toEqual([10_000, 11_000]);
    vi.useRealTimers();
  });
});
