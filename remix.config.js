/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}'],
  serverModuleFormat: 'esm',
  serverDependenciesToBundle: [/^@conform-to\//],
  // Opt in to React Router v7 behaviour now, so upgrading later changes nothing; except lazy route
  // discovery: in Remix 2 a fetcher that asks for a route not discovered yet (the availability
  // editor's preview) while a form's answer revalidates shows "Page not found" (remix-run/remix
  // #10263, fixed only in React Router 7, react-router#13564). The whole manifest ships instead.
  future: {
    v3_fetcherPersist: true,
    v3_lazyRouteDiscovery: false,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
  },
};
