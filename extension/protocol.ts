/**
 * The messages between the graph editor's webview and the extension host: one discriminated union per direction,
 * shared by both sides, and the one typed module both import. The pieces live in extension/protocol/, one idea each:
 *   hostMessages.ts     host → webview (`HostMessage`, `EditorCommand`, the webview's cheap `parseHostMessage`)
 *   training.ts         the training panel's state and pictures a `training`/`prediction` message carries
 *   webviewMessages.ts  webview → host (`WebviewMessage`) and its validator `parseWebviewMessage`
 *   intents.ts          the validator of an editing intent (`parseIntent`)
 *   checks.ts           the hand-written checks the validators are built from
 *   transport.ts        one JSON string per message, capped at 4 MiB before it is parsed
 * The webview is untrusted input to the extension host, so every message is checked before it is acted on; a
 * message that does not fit is dropped and the reason logged.
 *
 * The webview never edits the file: it sends intents (add node, connect, set attribute…) and the extension turns
 * them into minimal text edits of the document, which then comes back as a `document` message.
 */
export type { EdgeRef, Intent, NodeCopy, Position } from '../engine/document/intent';
export type { JsonObject } from '../engine/graph/types';
export type { ConvNode, FilterImages, LearnedFunction, Misclassified, PastRun, Prediction, TestSample, TrainingView } from './protocol/training';
export { parseHostMessage, type EditorCommand, type HostMessage } from './protocol/hostMessages';
export { EXPORT_TARGETS, MAX_RASTER_PARTS, parseWebviewMessage, RASTER_PART_CHARS, type ExportTarget, type PredictRequest, type WebviewMessage } from './protocol/webviewMessages';
export { parseIntent } from './protocol/intents';
export { isJsonValue, type Parsed } from './protocol/checks';
export { decodeWebviewMessage, encodeWebviewMessage, MAX_WEBVIEW_MESSAGE_CHARS, oversizeRefusal } from './protocol/transport';
