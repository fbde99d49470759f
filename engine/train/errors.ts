import type { DesignNeed } from '../shape/designNeed';

/**
 * A run that cannot start or go on for a reason the user can fix; the message says which file, field or node, and
 * `need` (when the design does not fit the data) what the graph should become.
 */
export class TrainingError extends Error {
  constructor(
    message: string,
    readonly need?: DesignNeed,
  ) {
    super(message);
    this.name = 'TrainingError';
  }
}
