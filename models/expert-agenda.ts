import mongoose from 'mongoose';

/**
 * The morning mail of one expert's local day: `_id` is `<expertId>:<date>`, so every booking of
 * that day finds the same one. `minute` (`YYYY-MM-DDTHH:mm`, UTC) is set while it waits to be sent
 * and removed after: the reminder scan reads one minute at a time, an equality FerretDB pushes
 * down. `status` as a reminder's: scheduled, queued, sent, skipped or failed.
 */
const expertAgendaSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    expertId: { type: mongoose.Schema.Types.ObjectId, required: true },
    date: { type: String, required: true },
    sendAt: { type: Date, required: true },
    status: { type: String, required: true },
    minute: { type: String },
  },
  { timestamps: true, autoIndex: false },
);

expertAgendaSchema.index({ minute: 1 });

export type ExpertAgendaDocument = mongoose.InferSchemaType<typeof expertAgendaSchema>;

export const ExpertAgendaModel = mongoose.model('ExpertAgenda', expertAgendaSchema);
