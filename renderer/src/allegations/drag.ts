/** The drag type that carries a highlight id from the viewer's sidebar to the allegation board. */
export const HIGHLIGHT_DRAG_TYPE = 'application/x-exhibit-highlight';
