/** The canvas places nodes the file does not place as the diagram export does: one layout, in the engine. */
export { COLUMN, ROW, isHorizontal, positionsFor } from '../../engine/graph/autoPositions';
