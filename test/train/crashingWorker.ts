/**
 * A test-only worker entry: the production worker (engine/train/worker.ts) that, once its run has started, fails the
 * way real workers fail — an uncaught exception, a hard exit, or a heap exhausted by live objects — as
 * WIREGRAD_TEST_CRASH (throw | exit | oom) says, to prove the caller survives. The production protocol has no crash
 * message: this file is bundled by test/train/worker.test.ts only.
 */
import { parentPort } from 'node:worker_threads';
import '../../engine/train/worker';

const how = process.env.WIREGRAD_TEST_CRASH;
const port = parentPort!;
const post = port.postMessage.bind(port);
port.postMessage = (message: unknown) => {
  post(message);
  if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'started') crash();
};

function crash(): void {
  if (how === 'exit') process.exit(3);
  if (how === 'throw') {
    setImmediate(() => {
      throw new Error('crash requested by the test (WIREGRAD_TEST_CRASH)');
    });
    return;
  }
  if (how !== 'oom') return;
  const hoard: number[][] = [];
  for (;;) hoard.push(Array.from({ length: 100_000 }, (_, i) => i + hoard.length));
}
