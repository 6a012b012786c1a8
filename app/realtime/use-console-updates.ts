import { useRevalidator } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import type { Socket } from 'socket.io-client';

import {
  BOOKING_CHANGED,
  BookingChangedEventSchema,
  CONSOLE_HANDSHAKE_REFUSED,
  CONSOLE_NAMESPACE,
  ConsoleJoinAckSchema,
  JOIN_CONSOLE,
  type BookingChangedEvent,
  type ConsoleClientToServerEvents,
  type ConsoleServerToClientEvents,
} from '../../shared/schemas/console-realtime';
import { REALTIME_PATH } from '../../shared/schemas/realtime';
import { useSocketClient } from './use-socket-client';

export type ConsoleLiveState = 'connecting' | 'live' | 'refused';

/**
 * Live updates for the console: joins the console room of `expertId` (every expert's when absent,
 * admins only) in the console namespace, whose handshake carries the session cookie. Every change
 * revalidates the page's loaders (the loader stays the truth) and is handed to `onChange`, for
 * the live region. After each join, the first included, the page revalidates too, so nothing
 * committed between the render (or a lost connection) and the join goes unseen. Answers how the
 * connection stands, so the page can say when live updates are off.
 */
export function useConsoleUpdates(
  expertId: string | undefined,
  onChange: (event: BookingChangedEvent) => void,
): ConsoleLiveState {
  const { revalidate } = useRevalidator();
  const latest = useRef({ onChange, revalidate });
  useEffect(() => {
    latest.current = { onChange, revalidate };
  });
  const [state, setState] = useState<ConsoleLiveState>('connecting');

  const io = useSocketClient();
  useEffect(() => {
    if (!io) return;
    const socket: Socket<ConsoleServerToClientEvents, ConsoleClientToServerEvents> = io(
      CONSOLE_NAMESPACE,
      { path: REALTIME_PATH, transports: ['websocket'], forceNew: true },
    );
    let active = true;

    const join = () => {
      socket.emit(JOIN_CONSOLE, expertId ? { expertId } : {}, (answer: unknown) => {
        const ack = ConsoleJoinAckSchema.safeParse(answer);
        if (!active || !ack.success) return;
        setState(ack.data.ok ? 'live' : 'refused');
        if (ack.data.ok) latest.current.revalidate();
      });
    };
    const onEvent = (payload: unknown) => {
      const event = BookingChangedEventSchema.safeParse(payload);
      if (!active || !event.success) return;
      latest.current.revalidate();
      latest.current.onChange(event.data);
    };
    const onRefused = (error: Error & { data?: { code?: unknown } }) => {
      // A signed-out session stays refused: trying again would only be refused again.
      if (error.data?.code !== CONSOLE_HANDSHAKE_REFUSED) return;
      if (active) setState('refused');
      socket.disconnect();
    };

    socket.on('connect', join);
    socket.on('connect_error', onRefused);
    socket.on(BOOKING_CHANGED, onEvent);
    return () => {
      active = false;
      socket.off('connect', join);
      socket.off('connect_error', onRefused);
      socket.off(BOOKING_CHANGED, onEvent);
      socket.disconnect();
    };
  }, [io, expertId]);
  return state;
}
