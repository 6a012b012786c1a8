import { useEffect, useState } from 'react';
import type { io } from 'socket.io-client';

export type SocketClient = typeof io;

/**
 * Socket.io's client, loaded after hydration as a chunk of its own: the page works without live
 * updates, and the client would otherwise be about a tenth of the JavaScript the page needs
 * before it answers a click. Undefined until it has arrived (and always during server rendering).
 */
export function useSocketClient(): SocketClient | undefined {
  const [client, setClient] = useState<{ io: SocketClient }>();
  useEffect(() => {
    let active = true;
    void import('socket.io-client').then(({ io }) => {
      if (active) setClient({ io });
    });
    return () => {
      active = false;
    };
  }, []);
  return client?.io;
}
