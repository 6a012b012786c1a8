import { isDuplicateKeyError, OutboxMessageModel } from '../../models';
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
  return {
    async enqueue(message, { id, topic } = {}) {
      const mail = OutgoingMailSchema.parse(message);
      try {
        await OutboxMessageModel.create({
          ...mail,
          ...(id ? { _id: id } : {}),
          ...(topic ? { topic } : {}),
          status: 'queued',
          attempts: 0,
          nextAttemptAt: clock(),
        });
      } catch (error) {
        // Another process (or an earlier pass of this one) stored this very message first.
        if (id && isDuplicateKeyError(error)) return;
        throw error;
      }
      onStored();
    },
  };
}
