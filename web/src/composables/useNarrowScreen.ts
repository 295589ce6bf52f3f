// Whether the viewport is narrower than a breakpoint (default: below 1200 px — a tablet either way
// up, a narrow window), kept up to date as the window is resized. The side menu folds to icons, and
// list pages fold their row actions into one menu and leave out secondary columns while it holds,
// so a table fits the screen instead of scrolling under a wide fixed column. Where matchMedia is
// missing (jsdom) it stays false.
import { onScopeDispose, readonly, ref, type Ref } from 'vue'

/** Widths up to this many CSS pixels count as narrow. */
export const NARROW_MAX_WIDTH = 1199

/** Widths up to this count as a phone (360–430 px held upright, with room to spare): the menu
 *  becomes a drawer over the page and lists become cards. */
export const PHONE_MAX_WIDTH = 600

export function useNarrowScreen(maxWidth = NARROW_MAX_WIDTH): Readonly<Ref<boolean>> {
  const narrow = ref(false)
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return readonly(narrow)
  const query = window.matchMedia(`(max-width: ${maxWidth}px)`)
  narrow.value = query.matches
  const onChange = (event: MediaQueryListEvent): void => {
    narrow.value = event.matches
  }
  query.addEventListener('change', onChange)
  onScopeDispose(() => query.removeEventListener('change', onChange))
  return readonly(narrow)
}
