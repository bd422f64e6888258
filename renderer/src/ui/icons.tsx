/** The few icons the window uses (the sidebar's, when it is narrow), drawn inline. */
import type { ReactNode } from 'react'

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 20 20"
      width="18"
      height="18"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  )
}

export const icons = {
  freights: (
    <Icon>
      <path d="M2 5h10v8H2zM12 8h3.5L18 10.5V13h-6z" />
      <circle cx="5.5" cy="14.5" r="1.5" />
      <circle cx="14.5" cy="14.5" r="1.5" />
    </Icon>
  ),
  shares: (
    <Icon>
      <path d="M8.5 11.5a3 3 0 0 0 4.2 0l2.8-2.8a3 3 0 0 0-4.2-4.2l-1 1" />
      <path d="M11.5 8.5a3 3 0 0 0-4.2 0l-2.8 2.8a3 3 0 0 0 4.2 4.2l1-1" />
    </Icon>
  ),
  accounts: (
    <Icon>
      <circle cx="10" cy="7" r="3" />
      <path d="M4 17c.8-3 3.2-4.5 6-4.5s5.2 1.5 6 4.5" />
    </Icon>
  ),
  documents: (
    <Icon>
      <path d="M5 2.5h6.5L15 6v11.5H5z" />
      <path d="M11.5 2.5V6H15M7.5 10h5M7.5 13h5" />
    </Icon>
  ),
} as const
