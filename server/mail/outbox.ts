import { Types } from 'mongoose';

import {
  insertInChunks,
  isDuplicateKeyError,
  OutboxMessageModel,
  writeBatcher,
} from '../../models';
import { OutgoingMailSchema, type MailOutbox } from './outgoing-mail';

/**
 * The outbox's front half: stores a message, then tells this process's worker (`onStored`) so it
 * goes out at once. Once `enqueue` resolves the message is safe in the database; whatever
 * happens to this process afterwards, some worker sends it.
 */
export function createOutbox({
  onStored,
  clock = () => new Date(),
}: {
  onStored: () => void;
  clock?: () => Date;
}): MailOutbox {
  // Messages stored at about the same time (many bookings at once) go in one insert.
  const store = writeBatcher<Record<string, unknown>>({
    one: async (message) => {
      await OutboxMessageModel.create(message);
    },
    many: (messages) => insertInChunks(OutboxMessageModel, messages, { ordered: true }),
  });
  return {
    async enqueue(message, { id, topic } = {}) {
      const mail = OutgoingMailSchema.parse(message);
      try {
        await store({
          ...mail,
          // Chosen here, so a message sent again after a failed insert cannot be stored twice.
          _id: id ?? new Types.ObjectId(),
          ...(topic ? { topic } : {}),
          status: 'queued',
          attempts: 0,
          nextAttemptAt: clock(),
        });
      } catch (error) {
        // This very message is stored already: by another process (or an earlier pass of this
        // one) for an id given, or by this write's own first try.
        if (!isDuplicateKeyError(error)) throw error;
      }
      onStored();
    },
  };
}
