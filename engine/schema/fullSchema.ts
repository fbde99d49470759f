/** The published schema: the graph format with the training section's schema (owned by the trainer) filled in. */
import type { JsonObject } from '../graph/types';
import { trainingSchema } from '../train/config';
import { graphSchema } from './graphSchema';

export function fullGraphSchema(): JsonObject {
  // The trainer declares its section as a plain object literal; it is JSON by construction.
  return graphSchema(JSON.parse(JSON.stringify(trainingSchema)) as JsonObject);
}
