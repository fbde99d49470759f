/** Checkpoints write through the engine's one atomic writer. */
export { writeFileAtomic } from '../io/atomicWrite';
