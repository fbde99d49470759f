/**
 * The last epoch's vanishing/exploding gradient flags (engine/train/gradientFlags.ts) by node id, for the canvas
 * cards' badges. A context, not card data: it changes once per epoch, and only then do the cards re-render.
 */
import { createContext, useContext } from 'react';
import type { GradientFlag } from '../../engine/train/gradientFlags';

export const GradientFlagContext = createContext<ReadonlyMap<string, GradientFlag>>(new Map());

export function useGradientFlag(node: string): GradientFlag | undefined {
  return useContext(GradientFlagContext).get(node);
}
