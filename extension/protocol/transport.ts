/**
 * How a webview message crosses to the host. The webview sends every message as one JSON string
 * (encodeWebviewMessage, its only way out) and the host reads it with decodeWebviewMessage, its only way in. A string's length is known before anything is built
 * from it: an oversized message is refused in O(1), before JSON.parse makes an object whose keys V8 would then
 * enumerate whole (a million-entry record cost ~3 s in the validator as a structured-cloned object). JSON.parse
 * also yields only plain data: no getters, proxies, BigInts, symbols or cycles reach the validator this way.
 */
import { describe, type Parsed } from './checks';
import type { HostMessage } from './hostMessages';
import { parseWebviewMessage, type WebviewMessage } from './webviewMessages';

/**
 * The longest message the webview may send, in characters of its JSON text (UTF-16 code units: the webview's JSON
 * is ASCII but for labels, so this is its size in bytes). 4 MiB holds the largest legitimate message with room to
 * spare: a 224×224×3 image drawn for predict at full float precision (~3 MB), or a paste of thousands of nodes.
 */
export const MAX_WEBVIEW_MESSAGE_CHARS = 4 * 1024 * 1024;

/** The one place the webview serialises a message for the host. */
export function encodeWebviewMessage(message: WebviewMessage): string {
  return JSON.stringify(message);
}

/** The one place the host reads a webview message: size cap, then JSON.parse, then `parseWebviewMessage`. */
export function decodeWebviewMessage(data: unknown): Parsed<WebviewMessage> {
  if (typeof data !== 'string') return { ok: false, reason: `a message must arrive as a JSON string; got ${describe(data)}` };
  if (data.length > MAX_WEBVIEW_MESSAGE_CHARS) {
    return { ok: false, reason: `the message is ${data.length.toLocaleString('en-US')} characters long; the limit is ${MAX_WEBVIEW_MESSAGE_CHARS.toLocaleString('en-US')}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (e) {
    return { ok: false, reason: `the message is not JSON (${e instanceof Error ? e.message.slice(0, 100) : 'parse error'})` };
  }
  return parseWebviewMessage(value);
}

/**
 * What the webview tells itself, and the host, when a message it is about to send is longer than the host accepts
 * (`chars` of JSON): the host would drop it with a line in its log, and the webview would wait for an answer that
 * never comes (an edit drawn ahead of the host stays on the canvas; a prediction spins). So the webview does not send
 * it: a request is answered at once, locally, with the reason (`reply`), and the host gets a short log line.
 */
export function oversizeRefusal(message: WebviewMessage, chars: number): { reply: HostMessage | null; log: WebviewMessage } {
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  const what = message.type === 'intent' ? `the edit (${message.intent.kind})` : message.type === 'predict' ? 'the picture to predict' : `the ${message.type} message`;
  const error = `${what} is ${mb(chars)} as a message to VS Code, over the ${mb(MAX_WEBVIEW_MESSAGE_CHARS)} limit; it was not sent`;
  const log: WebviewMessage = { type: 'log', level: 'error', message: error };
  if (message.type === 'intent') return { reply: { type: 'intent-result', requestId: message.requestId, ok: false, error }, log };
  if (message.type === 'predict') return { reply: { type: 'prediction', requestId: message.requestId, error }, log };
  return { reply: null, log };
}
