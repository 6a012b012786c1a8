import { onExpertWrite, type ExpertWrite } from '../../models';
import type { Logger } from '../logger';
import type { BookingNotifier } from '../services/slot-notifier';
import type { CatalogueChange } from './changes';
import { createCatalogueReadModel, type ExpertPage, type ExpertSnapshot } from './read-model';
import { connectCatalogueFeed, type CatalogueFeed } from './redis-feed';

/** Rebuilt this often whatever happens, in case a change was lost (a Redis message, a crash). */
export const SAFETY_REFRESH_MS = 60_000;

export interface Catalogue {
  list: ReturnType<typeof createCatalogueReadModel>['list'];
  has(expertId: string): boolean;
  /** One expert's profile, rules and coming bookings, when loaded. */
  expert(expertId: string): ExpertSnapshot | undefined;
  /**
   * Loads one expert the read model does not have yet (added on another instance a moment ago,
   * or whose coming months moved on): in the background, once however often it is asked.
   */
  load(expertId: string): void;
  /** Hand to the bookings service: committed bookings and cancellations reach the list here and elsewhere. */
  notifier: BookingNotifier;
  /** Reads everything again from the database (also what start does first). */
  rebuild(): Promise<void>;
  close(): Promise<void>;
}

export type { ExpertPage, ExpertSnapshot };

/**
 * The expert list served from memory and kept current: this process's own writes apply at once
 * (bookings through the notifier, expert writes through the models), other instances' arrive
 * through Redis when `redisUrl` is set, and a rebuild runs at start, after each Redis reconnect
 * and every `refreshMs`. The database stays the truth: anything missed heals at the next rebuild.
 */
export async function startCatalogue({
  clock,
  logger,
  redisUrl,
  refreshMs = SAFETY_REFRESH_MS,
}: {
  clock: () => Date;
  logger: Logger;
  redisUrl?: string;
  refreshMs?: number;
}): Promise<Catalogue> {
  const model = createCatalogueReadModel({ clock });
  await model.rebuild();

  function logFailure(what: string) {
    return (error: unknown) => logger.error({ err: error }, `catalogue: ${what} failed`);
  }
  const rebuild = () => model.rebuild().catch(logFailure('rebuild'));

  function apply(change: CatalogueChange): Promise<void> {
    switch (change.type) {
      case 'slot_booked':
      case 'slot_released':
        model.slotChanged(change);
        return Promise.resolve();
      case 'expert_changed':
        return model.reloadExpert(change.expertId).catch(logFailure('reloading an expert'));
      case 'catalogue_changed':
        return rebuild();
    }
  }

  let feed: CatalogueFeed | undefined;
  if (redisUrl) {
    feed = await connectCatalogueFeed({
      redisUrl,
      logger,
      onChange: (change) => void apply(change),
      onResync: () => void rebuild(),
    });
  }

  /**
   * A change made here: told to the other instances first, then applied here. A booking's
   * message thus leaves before the bookings service emits the slot's Socket.io event (which
   * also travels through Redis), so another instance's read model has the booking by the time
   * a page there reloads because of that event.
   */
  async function changedHere(change: CatalogueChange): Promise<void> {
    feed?.publish(change);
    await apply(change);
  }

  const stopListening = onExpertWrite((write: ExpertWrite) =>
    changedHere(
      write.kind === 'one'
        ? { type: 'expert_changed', expertId: write.expertId }
        : { type: 'catalogue_changed' },
    ),
  );
  // On a database slower than the period, rebuilds would pile up behind each other: skip a tick.
  let periodic: Promise<void> | undefined;
  const timer = setInterval(() => {
    periodic ??= rebuild().finally(() => (periodic = undefined));
  }, refreshMs);
  timer.unref();

  const loading = new Set<string>();
  function load(expertId: string): void {
    if (loading.has(expertId)) return;
    loading.add(expertId);
    void model
      .reloadExpert(expertId)
      .catch(logFailure('loading an expert'))
      .finally(() => loading.delete(expertId));
  }

  return {
    list: model.list,
    has: model.has,
    expert: model.expert,
    load,
    notifier: {
      slotBooked(event) {
        void changedHere({ type: 'slot_booked', ...event });
      },
      slotReleased(event) {
        void changedHere({ type: 'slot_released', ...event });
      },
    },
    rebuild: () => model.rebuild(),
    async close() {
      clearInterval(timer);
      stopListening();
      await feed?.close();
    },
  };
}
