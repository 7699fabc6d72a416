/** Dev tools exist only in the h5 build (DevTools.h5.tsx); everywhere else they render nothing. */
export function DevTools(): null {
  return null
}
