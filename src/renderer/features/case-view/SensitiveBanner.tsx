import type { ReactNode } from 'react';

/** Marks a part of the file whose content is sensitive (identity and whereabouts, clinical notes). */
export function SensitiveBanner({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="sensitive-banner">
      <svg className="sensitive-icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
        <rect x="4" y="9" width="12" height="9" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
        <path d="M7 9V6.5a3 3 0 0 1 6 0V9" fill="none" stroke="currentColor" strokeWidth="1.8" />
      </svg>
      <div>
        <p className="sensitive-title">{title}</p>
        {children ? <p className="sensitive-body">{children}</p> : null}
      </div>
    </div>
  );
}

export function LockGlyph() {
  return (
    <svg className="tab-lock" viewBox="0 0 20 20" width="14" height="14" aria-hidden="true" focusable="false">
      <rect x="4" y="9" width="12" height="9" rx="1.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M7 9V6.5a3 3 0 0 1 6 0V9" fill="none" stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}
