/**
 * How a webview message crosses to the host. The webview sends every message as one JSON string
 * (encodeWebviewMessage, its only way out) and the host reads it with decodeWebviewMessage, its only way in. A string's length is known before anything is built
 * from it: an oversized message is refused in O(1), before JSON.parse makes an object whose keys V8 would then
 * enumerate whole (a million-entry record cost ~3 s in the validator as a structured-cloned object). JSON.parse
 * also yields only plain data: no getters, proxies, BigInts, symbols or cycles reach the validator this way.
 */
import { describe, type Parsed } from './checks';
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
