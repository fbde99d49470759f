/**
 * Waiting for the UI to reach a state, with failures that say what was seen instead (playwright-core has no
 * `expect`; this is the small part of it the suite needs).
 */
import type { Locator } from 'playwright-core';
import { sleep } from './processes';

export async function waitUntil<T>(what: string, read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value: T | undefined;
  let lastError: unknown;
  do {
    try {
      value = await read();
      if (accept(value)) return value;
    } catch (e) {
      lastError = e;
    }
    await sleep(100);
  } while (Date.now() < deadline);
  const seen = value === undefined ? `nothing (${lastError instanceof Error ? lastError.message.split('\n')[0] : 'no value'})` : JSON.stringify(value);
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${seen}`);
}

/** Waits until the element's trimmed text equals `expected`. */
export async function waitForText(what: string, locator: Locator, expected: string, timeoutMs = 15_000): Promise<void> {
  await waitUntil(what, async () => ((await locator.textContent({ timeout: 1000 })) ?? '').trim(), (t) => t === expected, timeoutMs);
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export function assertEqual<T>(actual: T, expected: T, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}
