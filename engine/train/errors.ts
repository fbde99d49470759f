/** A run that cannot start or go on for a reason the user can fix; the message says which file, field or node. */
export class TrainingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainingError';
  }
}
