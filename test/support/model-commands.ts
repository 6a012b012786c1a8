import mongoose from 'mongoose';

/**
 * Every command the models send while `run` runs, as `collection.method`: what a test checks to
 * say a request was answered from memory.
 */
export async function commandsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  mongoose.set('debug', (collection: string, method: string) => {
    sent.push(`${collection}.${method}`);
  });
  try {
    await run();
  } finally {
    mongoose.set('debug', false);
  }
  return sent;
}
