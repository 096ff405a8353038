import type { ReactNode } from 'react';

export type NoticeTone = 'error' | 'success' | 'info' | 'warning';

/**
 * A message block. Errors are announced at once (role="alert"); the others politely
 * (role="status"). Render it conditionally so that screen readers notice the change.
 */
export function Notice({ tone, children, title, announce = true }: { tone: NoticeTone; children: ReactNode; title?: ReactNode; announce?: boolean }) {
  const role = announce ? (tone === 'error' ? 'alert' : 'status') : undefined;
  return (
    <div className={`notice notice-${tone}`} role={role}>
      {title ? <p className="notice-title">{title}</p> : null}
      <div className="notice-body">{children}</div>
    </div>
  );
}
