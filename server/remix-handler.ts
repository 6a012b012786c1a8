import { existsSync, watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { createRequestHandler } from '@remix-run/express';
import { broadcastDevReady, type ServerBuild } from '@remix-run/node';
import type { Request, Response } from 'express';

import type { Logger } from './logger';
import type { LoadContext } from './load-context';
import { markRefusedForms } from './refused-forms';

const BUILD_URL = new URL('../build/index.js', import.meta.url);
const BUILD_PATH = fileURLToPath(BUILD_URL);

async function importBuild(): Promise<ServerBuild> {
  // The query string busts Node's module cache, so development picks up each rebuild.
  const { mtimeMs } = await stat(BUILD_PATH);
  return markRefusedForms((await import(`${BUILD_URL.href}?t=${mtimeMs}`)) as ServerBuild);
}

/**
 * Serves the Remix app. In development the build is re-imported after every rebuild while
 * Express (and the database and Socket.io with it) keeps running, then `remix dev` is told.
 */
export async function createRemixHandler({
  mode,
  getLoadContext,
  logger,
}: {
  mode: 'production' | 'development';
  getLoadContext: (req: Request, res: Response) => LoadContext;
  logger: Logger;
}) {
  if (!existsSync(BUILD_PATH)) {
    throw new Error(`No Remix build at ${BUILD_PATH}: run \`npm run build\` first.`);
  }
  let build = await importBuild();
  if (mode === 'development') {
    await broadcastDevReady(build);
    let timer: NodeJS.Timeout | undefined;
    watch(fileURLToPath(new URL('.', BUILD_URL)), () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        importBuild()
          .then(async (next) => {
            build = next;
            await broadcastDevReady(build);
          })
          .catch((error: unknown) =>
            logger.error({ err: error }, 'could not reload the Remix build'),
          );
      }, 100);
    }).unref();
  }
  return createRequestHandler({ build: async () => build, mode, getLoadContext });
}
