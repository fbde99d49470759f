/**
 * The webview's side of the protocol: sends intents (with request ids) and hands each validated host message to
 * the listeners. Outside VS Code (a plain browser, tests) messages are logged instead of sent.
 */
import { encodeWebviewMessage, MAX_WEBVIEW_MESSAGE_CHARS, oversizeRefusal, parseHostMessage, type HostMessage, type Intent, type WebviewMessage } from '../extension/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api: VsCodeApi =
  typeof acquireVsCodeApi === 'function'
    ? acquireVsCodeApi()
    : { postMessage: (m) => console.log('→ host', m), getState: () => undefined, setState: () => undefined };

let nextRequest = 1;

/**
 * Every message leaves as one JSON string: the host caps its size before parsing it (extension/protocol.ts). One the
 * host would refuse is not sent: a request gets its refusal at once, as if from the host, and the host a log line.
 */
export function send(message: WebviewMessage): void {
  const text = encodeWebviewMessage(message);
  if (text.length <= MAX_WEBVIEW_MESSAGE_CHARS) {
    api.postMessage(text);
    return;
  }
  const { reply, log } = oversizeRefusal(message, text.length);
  api.postMessage(encodeWebviewMessage(log));
  if (reply) setTimeout(() => window.dispatchEvent(new MessageEvent('message', { data: reply })));
}

const intentListeners = new Set<(intent: Intent, requestId: number) => void>();

/** Sends an intent; the result arrives as an `intent-result` message with the returned id. */
export function sendIntent(intent: Intent): number {
  const requestId = nextRequest++;
  send({ type: 'intent', requestId, intent });
  for (const listener of intentListeners) listener(intent, requestId);
  return requestId;
}

/** Hears every intent sent (the app draws the expected result of an attribute edit before the host confirms it). */
export function onIntentSent(listener: (intent: Intent, requestId: number) => void): () => void {
  intentListeners.add(listener);
  return () => intentListeners.delete(listener);
}

export function onHostMessage(listener: (message: HostMessage) => void): () => void {
  const handler = (event: MessageEvent) => {
    const message = parseHostMessage(event.data);
    if (message) listener(message);
    else send({ type: 'log', level: 'error', message: `dropped a host message of unknown shape: ${String((event.data as { type?: unknown })?.type)}` });
  };
  window.addEventListener('message', handler);
  return () => window.removeEventListener('message', handler);
}

/** The nonce of this page's own script: lazily loaded bundles (the layout engine) must carry it under the CSP. */
export const scriptNonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';
