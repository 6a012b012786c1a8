import { useRevalidator } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import type { Socket } from 'socket.io-client';

import type {
  ClientToServerEvents,
  ServerToClientEvents,
  SlotBookedEvent,
} from '../../shared/schemas/realtime';
import { useLoadedAfterHydration } from '../utils/use-loaded-after-hydration';

export type { SlotBookedEvent };

/**
 * Socket.io's client and the protocol's schemas, loaded together after hydration: the schemas
 * bring zod, which the expert page needs for nothing else before it answers a click.
 */
const loadLiveUpdates = () =>
  Promise.all([import('socket.io-client'), import('../../shared/schemas/realtime')]).then(
    ([{ io }, protocol]) => ({ io, protocol }),
  );

/** How long to wait before asking again when the server could not check the expert. */
const JOIN_RETRY_MS = 5_000;

export interface SlotUpdatesOptions {
  /** The server's origin; the page's own by default (tests point it at another port). */
  url?: string;
  /** A slot of this expert is free again (mark it free at once); the route revalidates too. */
  onSlotReleased?: (event: SlotBookedEvent) => void;
}

/**
 * Live updates for one expert's detail page. In the browser only (it runs in an effect, so never
 * during server rendering): connects to Socket.io on the app's own origin, joins the expert's
 * room, and for every valid `slot_booked` calls `onSlotBooked` (mark the slot taken at once)
 * then revalidates the route, so the loader stays the source of truth.
 *
 * After every successful join, the first included, it revalidates too: whatever was booked
 * between the page's render (or a lost connection) and the join is read from the loader, so no
 * booking goes unseen. Socket.io reconnects by itself after a network blip or a server restart,
 * and the hook joins again each time.
 *
 * `slot_released` (a cancellation, or the old slot of a move) works the same way through
 * `onSlotReleased`; `availability_changed` (the expert saved new rules) only revalidates.
 *
 * The callbacks may be new functions on every render: they are kept in a ref, so only a change of
 * `expertId` (or `url`) opens a new connection. Leaving the page closes it.
 */
export function useSlotUpdates(
  expertId: string,
  onSlotBooked: (event: SlotBookedEvent) => void,
  { url, onSlotReleased }: SlotUpdatesOptions = {},
): void {
  const { revalidate } = useRevalidator();
  const latest = useRef({ onSlotBooked, onSlotReleased, revalidate });
  useEffect(() => {
    latest.current = { onSlotBooked, onSlotReleased, revalidate };
  });

  const live = useLoadedAfterHydration(loadLiveUpdates);
  useEffect(() => {
    if (!live) return;
    const { io, protocol } = live;
    const {
      AVAILABILITY_CHANGED,
      AvailabilityChangedEventSchema,
      JOIN_EXPERT,
      JoinAckSchema,
      REALTIME_PATH,
      SLOT_BOOKED,
      SLOT_RELEASED,
      SlotBookedEventSchema,
    } = protocol;
    const options = {
      path: REALTIME_PATH,
      // A web socket from the start: one connection per page, and no sticky sessions needed
      // when several instances sit behind a load balancer (long-polling would need them).
      transports: ['websocket'],
      // Each page gets its own connection, closed for good when the page goes.
      forceNew: true,
    };
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> =
      url === undefined ? io(options) : io(url, options);
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    // A late answer must not revalidate a page the person has already left.
    let active = true;

    const join = () => {
      clearTimeout(retryTimer);
      socket.emit(JOIN_EXPERT, { expertId }, (answer: unknown) => {
        const ack = JoinAckSchema.safeParse(answer);
        if (!active || !ack.success) return;
        if (ack.data.ok) {
          latest.current.revalidate();
        } else if (ack.data.code === 'UNAVAILABLE') {
          retryTimer = setTimeout(() => {
            if (socket.connected) join();
          }, JOIN_RETRY_MS);
        }
        // INVALID_REQUEST or NOT_FOUND: no room to join; the page has its own 404.
      });
    };

    /** Both events name a slot of this expert; anything else is ignored. */
    const listener = (apply: (event: SlotBookedEvent) => void) => (payload: unknown) => {
      const event = SlotBookedEventSchema.safeParse(payload);
      if (!active || !event.success || event.data.expertId !== expertId.toLowerCase()) return;
      apply(event.data);
      latest.current.revalidate();
    };
    const onEvent = listener((event) => latest.current.onSlotBooked(event));
    const onRelease = listener((event) => latest.current.onSlotReleased?.(event));
    // New rules can add or remove any slot: only the loader knows which.
    const onRulesChanged = (payload: unknown) => {
      const event = AvailabilityChangedEventSchema.safeParse(payload);
      if (!active || !event.success || event.data.expertId !== expertId.toLowerCase()) return;
      latest.current.revalidate();
    };

    // 'connect' fires on the first connection and on every reconnection.
    socket.on('connect', join);
    socket.on(SLOT_BOOKED, onEvent);
    socket.on(SLOT_RELEASED, onRelease);
    socket.on(AVAILABILITY_CHANGED, onRulesChanged);
    return () => {
      active = false;
      clearTimeout(retryTimer);
      socket.off('connect', join);
      socket.off(SLOT_BOOKED, onEvent);
      socket.off(SLOT_RELEASED, onRelease);
      socket.off(AVAILABILITY_CHANGED, onRulesChanged);
      socket.disconnect();
    };
  }, [live, expertId, url]);
}
