/**
 * A slot as one form value, so the slot picker is a single radio group: `2030-03-05T09:00-10:00`
 * is the date and the time slot joined by a `T`. Apart from the schema that reads it back, so
 * the pages that only write it do not carry zod.
 */
export function slotChoiceValue(slot: { date: string; timeSlot: string }): string {
  return `${slot.date}T${slot.timeSlot}`;
}
