import type mongoose from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/** A document of a schema with `timestamps: true`, as a read returns it: id and times included. */
export type TimestampedDocument<Schema> = InferSchemaType<Schema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
