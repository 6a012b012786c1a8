/**
 * Conform's zod adapter for route actions and loaders. Imported through a `.server` module, as
 * the browser build of a route keeps every module the route file imports, used or not: a direct
 * import would put the adapter and classic zod (about 6 kB gzipped) in the JavaScript a page
 * loads before it is interactive. The booking form loads it in the browser after hydration.
 */
// eslint-disable-next-line no-restricted-imports -- the one door to the adapter, server only
export { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
