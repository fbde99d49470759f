/** A checkpoint that cannot be read or does not fit the graph; the message names the file and the tensor. */
export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}
