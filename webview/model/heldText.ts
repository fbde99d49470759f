/**
 * The webview's copy of the document's text, kept up to date from the host's `document` messages (the whole text)
 * and `document-change` messages (the changes since the version it holds). A change from another version than the
 * one held, or one that does not give the announced length, means a message was missed: the text is dropped and
 * the whole text asked for once, until it comes.
 */
import { applyTextChanges } from '../../engine/document/textChanges';
import type { TextEdit } from '../../engine/graph/readEdited';
import type { HostMessage } from '../../extension/protocol';

type DocumentMessage = Extract<HostMessage, { type: 'document' | 'document-change' }>;

/**
 * The new text, or none (then `request`: ask the host for the whole text; false when already asked). `edit` is how
 * the text came from the one held before, when changes made it: the reader then re-reads only what changed.
 */
export type Received =
  | { readonly text: string; readonly edit?: TextEdit; readonly request?: undefined }
  | { readonly text?: undefined; readonly edit?: undefined; readonly request: boolean };

export class HeldText {
  private text: string | null = null;
  private version = -1;
  private awaitingWhole = false;

  receive(m: DocumentMessage): Received {
    if (m.type === 'document') {
      this.text = m.text;
      this.version = m.version;
      this.awaitingWhole = false;
      return { text: m.text };
    }
    const text = this.text !== null && m.from === this.version ? applyTextChanges(this.text, m.changes) : null;
    if (text === null || text.length !== m.length) {
      const request = !this.awaitingWhole;
      this.text = null;
      this.awaitingWhole = true;
      return { request };
    }
    const before = this.text!;
    this.text = text;
    this.version = m.version;
    return { text, edit: { before, changes: m.changes } };
  }
}
