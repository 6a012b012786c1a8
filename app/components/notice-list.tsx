import type { AriaRole, ReactNode } from 'react';

/**
 * What a page could not use from its address, one notice a line (nothing when all was well);
 * `children` follows the list, as a way out.
 */
export function NoticeList({
  notices,
  role,
  children,
}: {
  notices: readonly string[];
  role: AriaRole;
  children?: ReactNode;
}) {
  if (notices.length === 0) return null;
  return (
    <div className="notice" role={role}>
      <ul>
        {notices.map((notice) => (
          <li key={notice}>{notice}</li>
        ))}
      </ul>
      {children}
    </div>
  );
}
