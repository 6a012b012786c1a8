import type { io } from 'socket.io-client';

import { useLoadedAfterHydration } from '../utils/use-loaded-after-hydration';

export type SocketClient = typeof io;

const loadSocketClient = () => import('socket.io-client').then(({ io }) => io);

/**
 * Socket.io's client, loaded after hydration: the page works without live updates, and the
 * client would otherwise be about a tenth of the JavaScript the page needs before it answers a
 * click. Undefined until it has arrived (and always during server rendering).
 */
export function useSocketClient(): SocketClient | undefined {
  return useLoadedAfterHydration(loadSocketClient);
}
