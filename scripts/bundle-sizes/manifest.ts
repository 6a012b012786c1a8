import { z } from 'zod';

/**
 * What a page of the Remix build loads in the browser, read from the browser manifest
 * (`public/build/manifest-*.js`), which Remix writes for the client to find its route modules.
 */

const RouteSchema = z.object({
  id: z.string(),
  parentId: z.string().optional(),
  path: z.string().optional(),
  index: z.boolean().optional(),
  module: z.string(),
  imports: z.array(z.string()).default([]),
});

const ManifestSchema = z.object({
  entry: z.object({ module: z.string(), imports: z.array(z.string()).default([]) }),
  routes: z.record(z.string(), RouteSchema),
});
export type BrowserManifest = z.infer<typeof ManifestSchema>;
type ManifestRoute = z.infer<typeof RouteSchema>;

const MANIFEST_PREFIX = 'window.__remixManifest=';

/** The manifest file is a script assigning one JSON object; anything else is not one. */
export function parseManifest(source: string): BrowserManifest {
  const text = source.trim();
  if (!text.startsWith(MANIFEST_PREFIX)) {
    throw new Error(`Not a Remix browser manifest: it does not start with ${MANIFEST_PREFIX}`);
  }
  const json: unknown = JSON.parse(text.slice(MANIFEST_PREFIX.length).replace(/;$/, ''));
  return ManifestSchema.parse(json);
}

export interface Page {
  routeId: string;
  /** The URL pattern, e.g. `/experts/:id`. */
  path: string;
  /** Script URLs loaded before the page is interactive, each once, in the order Remix lists them. */
  files: string[];
}

/** The chain of routes that render a page: root first, the route itself last. */
function routeChain(
  manifest: BrowserManifest,
  routeId: string,
): BrowserManifest['routes'][string][] {
  const chain = [];
  const seen = new Set<string>();
  for (let id: string | undefined = routeId; id !== undefined;) {
    const route: ManifestRoute | undefined = manifest.routes[id];
    if (!route) throw new Error(`The manifest has no route ${id}.`);
    if (seen.has(id)) throw new Error(`The manifest's routes form a loop at ${id}.`);
    seen.add(id);
    chain.unshift(route);
    id = route.parentId;
  }
  return chain;
}

/**
 * Every route that is a page (each route but the root, which every page includes) with the files
 * it loads: the client entry and its imports, then each route module of the chain and its imports.
 */
export function pagesOf(manifest: BrowserManifest): Page[] {
  return Object.values(manifest.routes)
    .filter((route) => route.parentId !== undefined)
    .map((route) => {
      const chain = routeChain(manifest, route.id);
      const files = new Set([manifest.entry.module, ...manifest.entry.imports]);
      for (const link of chain) for (const url of [link.module, ...link.imports]) files.add(url);
      const segments = chain.map((link) => link.path ?? '').filter(Boolean);
      return { routeId: route.id, path: `/${segments.join('/')}`, files: [...files] };
    })
    .sort((a, b) => a.path.localeCompare(b.path) || a.routeId.localeCompare(b.routeId));
}

const STATIC_IMPORT = /\b(?:from|import)\s*["']([^"']+)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

/** The modules a built chunk imports, statically and with `import()`, as URLs from its own URL. */
export function importsOf(source: string, url: string): { static: string[]; dynamic: string[] } {
  const resolve = (specifier: string) => new URL(specifier, new URL(url, 'http://build')).pathname;
  const collect = (pattern: RegExp) =>
    [...source.matchAll(pattern)].map((match) => resolve(match[1] ?? ''));
  return { static: collect(STATIC_IMPORT), dynamic: collect(DYNAMIC_IMPORT) };
}

/**
 * The chunks a page fetches later, through `import()` (e.g. the live-updates client after
 * hydration), with their own imports, that the page has not loaded already. `read` gives a
 * built file's text, or undefined for a URL that is not one of the build's files.
 */
export function laterFiles(
  loaded: readonly string[],
  read: (url: string) => string | undefined,
): string[] {
  const have = new Set(loaded);
  const later: string[] = [];
  const queue = loaded.flatMap((url) => importsOf(read(url) ?? '', url).dynamic);
  for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
    const source = have.has(url) ? undefined : read(url);
    if (source === undefined) continue;
    have.add(url);
    later.push(url);
    const imports = importsOf(source, url);
    queue.push(...imports.static, ...imports.dynamic);
  }
  return later;
}
