/**
 * Where the buttons for the canvas' selection (ModuleActions.tsx) go: centred above the selection, as a selection
 * toolbar; below it when there is no room above (an opened use whose frame header is at the canvas' top edge); at
 * the canvas' bottom edge when neither has room (a frame taller than the view), over the selection's far end rather
 * than the header and first cards the user is looking at; and always inside the canvas. Fixed over the canvas' top
 * centre, as they were, they covered whatever was drawn there: an opened use's frame header and its first cards.
 * Pure, in the canvas' screen pixels, so it is unit-tested.
 */

export interface ScreenRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ScreenSize {
  readonly width: number;
  readonly height: number;
}

/** Between the selection and the buttons. */
export const ACTIONS_GAP = 8;
/** Between the buttons and the canvas' edges. */
export const ACTIONS_MARGIN = 8;

const clamp = (v: number, low: number, high: number) => Math.max(low, Math.min(v, high));

/** The buttons' top-left corner for a selection at `selection` in a canvas of `canvas`'s size. */
export function actionsPlace(selection: ScreenRect, canvas: ScreenSize, own: ScreenSize): { readonly left: number; readonly top: number } {
  const lowest = canvas.height - ACTIONS_MARGIN - own.height;
  const above = selection.y - ACTIONS_GAP - own.height;
  const below = selection.y + selection.height + ACTIONS_GAP;
  const top = above >= ACTIONS_MARGIN ? above : below <= lowest ? below : lowest;
  const left = selection.x + selection.width / 2 - own.width / 2;
  return { left: clamp(left, ACTIONS_MARGIN, canvas.width - ACTIONS_MARGIN - own.width), top: clamp(top, ACTIONS_MARGIN, Math.max(ACTIONS_MARGIN, lowest)) };
}
