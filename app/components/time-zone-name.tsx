import { Fragment } from 'react';

import { formatTimeZone } from '../../shared/format';

/**
 * A zone's name as people read it (America/Argentina/Buenos Aires), free to wrap after each
 * slash: in a narrow column the whole name is one long word, which would widen the page.
 */
export function TimeZoneName({ zone }: { zone: string }) {
  const parts = formatTimeZone(zone).split('/');
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 ? (
            <>
              /<wbr />
            </>
          ) : null}
          {part}
        </Fragment>
      ))}
    </>
  );
}
