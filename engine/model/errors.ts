/** A graph that cannot become a model (errors in the analysis, a node that cannot be built): the message names the node. */
export class ModelBuildError extends Error {}
