import mongoose from 'mongoose';

import { queryGuardPlugin } from './query-guard';

/**
 * One of the few e-mails an address may be sent an hour on anyone's request ("send me my
 * links", "send me my list"). The `_id` names the address's seat (`<sha256 of the address>:<n>`),
 * so the database lets only one request take a seat at a time, with no transaction: a seat whose
 * `until` has passed is deleted by the next request that finds it, then taken again by insert.
 */
const mailQuotaSeatSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    until: { type: Date, required: true },
  },
  { autoIndex: false, versionKey: false },
);

mailQuotaSeatSchema.plugin(queryGuardPlugin);

export const MailQuotaSeatModel = mongoose.model('MailQuotaSeat', mailQuotaSeatSchema);
