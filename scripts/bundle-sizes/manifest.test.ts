import { describe, expect, it } from 'vitest';

import { importsOf, laterFiles, pagesOf, parseManifest } from './manifest';

/** The shape Remix writes, trimmed to a layout route and three pages under it. */
const MANIFEST = `window.__remixManifest=${JSON.stringify({
  entry: { module: '/build/entry.client-A.js', imports: ['/build/_shared/react-B.js'] },
  routes: {
    root: {
      id: 'root',
      path: '',
      module: '/build/root-C.js',
      imports: ['/build/_shared/root-D.js'],
    },
    'routes/_index': {
      id: 'routes/_index',
      parentId: 'root',
      index: true,
      module: '/build/routes/_index-E.js',
    },
    'routes/experts': {
      id: 'routes/experts',
      parentId: 'root',
      path: 'experts',
      module: '/build/routes/experts-F.js',
      imports: ['/build/_shared/react-B.js'],
    },
    'routes/experts.$id': {
      id: 'routes/experts.$id',
      parentId: 'routes/experts',
      path: ':id',
      module: '/build/routes/experts.$id-G.js',
      imports: ['/build/_shared/zod-H.js', '/build/_shared/root-D.js'],
    },
  },
  version: 'abc',
})};`;

describe('parseManifest', () => {
  it('reads the routes and the entry of the script Remix writes', () => {
    const manifest = parseManifest(MANIFEST);
    expect(manifest.entry.module).toBe('/build/entry.client-A.js');
    expect(Object.keys(manifest.routes)).toHaveLength(4);
    expect(manifest.routes['routes/_index']?.imports).toEqual([]);
  });

  it('refuses a file that is not a manifest', () => {
    expect(() => parseManifest('export const x = 1;')).toThrow(/Not a Remix browser manifest/);
    expect(() => parseManifest('window.__remixManifest={"routes":{}};')).toThrow();
  });
});

describe('pagesOf', () => {
  const pages = pagesOf(parseManifest(MANIFEST));

  it('lists every route but the root, by URL pattern', () => {
    expect(pages.map((page) => [page.path, page.routeId])).toEqual([
      ['/', 'routes/_index'],
      ['/experts', 'routes/experts'],
      ['/experts/:id', 'routes/experts.$id'],
    ]);
  });

  it('loads the entry, then each route of the chain from the root, each file once', () => {
    expect(pages.find((page) => page.routeId === 'routes/experts.$id')?.files).toEqual([
      '/build/entry.client-A.js',
      '/build/_shared/react-B.js',
      '/build/root-C.js',
      '/build/_shared/root-D.js',
      '/build/routes/experts-F.js',
      '/build/routes/experts.$id-G.js',
      '/build/_shared/zod-H.js',
    ]);
  });

  it('refuses a route whose parent is missing', () => {
    const broken = parseManifest(
      MANIFEST.replace('"parentId":"routes/experts"', '"parentId":"gone"'),
    );
    expect(() => pagesOf(broken)).toThrow('The manifest has no route gone.');
  });
});

describe('importsOf', () => {
  it('finds static and dynamic imports in minified output, resolved from the file', () => {
    const source =
      'import{a as b}from"/build/_shared/chunk-1.js";import"./chunk-2.js";' +
      'export*from"../_shared/chunk-3.js";const c=()=>import("/build/_shared/esm-4.js");';
    expect(importsOf(source, '/build/routes/page-X.js')).toEqual({
      static: [
        '/build/_shared/chunk-1.js',
        '/build/routes/chunk-2.js',
        '/build/_shared/chunk-3.js',
      ],
      dynamic: ['/build/_shared/esm-4.js'],
    });
  });
});

describe('laterFiles', () => {
  const files: Record<string, string> = {
    '/build/page.js': 'import{x}from"/build/shared.js";const l=()=>import("/build/lazy.js");',
    '/build/shared.js': 'export const x=1;',
    '/build/lazy.js':
      'import{x}from"/build/shared.js";import{y}from"/build/lazy-dep.js";import("/build/lazier.js");',
    '/build/lazy-dep.js': 'export const y=2;',
    '/build/lazier.js': 'export const z=3;',
  };
  const read = (url: string) => files[url];

  it('follows import() to chunks and their imports the page has not loaded yet', () => {
    expect(laterFiles(['/build/page.js', '/build/shared.js'], read)).toEqual([
      '/build/lazy.js',
      '/build/lazy-dep.js',
      '/build/lazier.js',
    ]);
  });

  it('ignores what is not a built file, such as an import() spelled inside a string', () => {
    expect(laterFiles(['/build/shared.js'], read)).toEqual([]);
    const page = `const s='import("/build/missing.js")';const l=()=>import("/build/lazier.js");`;
    expect(
      laterFiles(['/build/x.js'], (url) => (url === '/build/x.js' ? page : files[url])),
    ).toEqual(['/build/lazier.js']);
  });
});
