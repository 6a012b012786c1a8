/**
 * How long a session is, from its label: `09:00-10:30` → 90. The label names the length (a
 * booking is made by its label), so no rule needs to be looked up. Labels never cross midnight:
 * `24:00` ends a day.
 */
export function sessionMinutesOf(timeSlot: string): number {
  const [start = '', end = ''] = timeSlot.split('-');
  const minutes = (time: string) => {
    const [hours = 0, rest = 0] = time.split(':').map(Number);
    return hours * 60 + rest;
  };
  return minutes(end) - minutes(start);
}
