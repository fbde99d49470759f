/** A model that cannot be imported as a whole (unreadable, corrupt, no input); unsupported ops are listed instead. */
export class OnnxImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OnnxImportError';
  }
}

/** Thrown by an op's import when wiregrad has no equivalent; the importer lists it with the node's name and op. */
export class Unsupported extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'Unsupported';
  }
}
