import type { ReactNode } from 'react';

/** Small stroke icons drawn for Duet (the editor's toolbar, comments; 24×24 grid), so no icon font or network request is needed. */
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const icons = {
  comment: (
    <Icon>
      <path d="M4 5h16v11H9l-5 4z" />
      <path d="M8 9h8M8 12h5" />
    </Icon>
  ),
  bulletList: (
    <Icon>
      <circle cx="5" cy="7" r="1.2" fill="currentColor" />
      <circle cx="5" cy="12" r="1.2" fill="currentColor" />
      <circle cx="5" cy="17" r="1.2" fill="currentColor" />
      <path d="M10 7h10M10 12h10M10 17h10" />
    </Icon>
  ),
  orderedList: (
    <Icon>
      <path d="M4 5.5 5.5 5v4M4 9h3M4 14.5c0-.8.7-1.5 1.5-1.5S7 13.6 7 14.3c0 1.2-3 2-3 3.7h3" strokeWidth="1.5" />
      <path d="M11 7h9M11 12h9M11 17h9" />
    </Icon>
  ),
  taskList: (
    <Icon>
      <rect x="3" y="4.5" width="6" height="6" rx="1.5" />
      <path d="m4.5 7.5 1.3 1.3L8 6" strokeWidth="1.5" />
      <rect x="3" y="13.5" width="6" height="6" rx="1.5" />
      <path d="M13 7.5h8M13 16.5h8" />
    </Icon>
  ),
  quote: (
    <Icon>
      <path d="M9 7H6a2 2 0 0 0-2 2v3h5V7Zm0 5c0 3-1.5 4.5-4 5M20 7h-3a2 2 0 0 0-2 2v3h5V7Zm0 5c0 3-1.5 4.5-4 5" />
    </Icon>
  ),
  link: (
    <Icon>
      <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
      <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
    </Icon>
  ),
  undo: (
    <Icon>
      <path d="M9 14 4 9l5-5" />
      <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
    </Icon>
  ),
  redo: (
    <Icon>
      <path d="m15 14 5-5-5-5" />
      <path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
    </Icon>
  ),
  photo: (
    <Icon>
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <circle cx="8.5" cy="10" r="1.5" />
      <path d="m21 16-5-5-9 8" />
    </Icon>
  ),
  grip: (
    <Icon>
      <circle cx="9" cy="6" r="1" fill="currentColor" />
      <circle cx="15" cy="6" r="1" fill="currentColor" />
      <circle cx="9" cy="12" r="1" fill="currentColor" />
      <circle cx="15" cy="12" r="1" fill="currentColor" />
      <circle cx="9" cy="18" r="1" fill="currentColor" />
      <circle cx="15" cy="18" r="1" fill="currentColor" />
    </Icon>
  ),
  arrowUp: (
    <Icon>
      <path d="M12 19V5M6 11l6-6 6 6" />
    </Icon>
  ),
  arrowDown: (
    <Icon>
      <path d="M12 5v14M6 13l6 6 6-6" />
    </Icon>
  ),
  trash: (
    <Icon>
      <path d="M4 7h16M10 11v6M14 11v6M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12M9 7V4h6v3" />
    </Icon>
  ),
};
