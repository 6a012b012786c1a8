import { OutboxMessageModel } from '../../models';
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
    async enqueue(message) {
      const mail = OutgoingMailSchema.parse(message);
      await OutboxMessageModel.create({
        ...mail,
        status: 'queued',
        attempts: 0,
        nextAttemptAt: clock(),
      });
      onStored();
    },
  };
}
