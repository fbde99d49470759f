/** The published schema: the graph format with the training section's schema filled in. */
import type { JsonObject } from '../graph/types';
import { graphSchema } from './graphSchema';

export function fullGraphSchema(): JsonObject {
  return graphSchema({ type: 'object', description: 'How the graph trains: data set, optimizer, learning rate, batch size, epochs, seed.' });
}
