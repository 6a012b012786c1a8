/** Development mail page: who a written mail is to, when it was written, and its `.eml` file. */
export function DevMailFacts({ mail }: { mail: { id: string; to: string; date: string } }) {
  return (
    <p className="muted">
      To {mail.to} · <time dateTime={mail.date}>{mail.date}</time> ·{' '}
      <a href={`/dev/mail/${mail.id}/raw`} download={`${mail.id}.eml`}>
        Download .eml
      </a>
    </p>
  );
}
