/** The Vigil mark: an open eye on the primary colour. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" role="img" aria-label="Vigil">
      <rect width="32" height="32" rx="7" fill="var(--mantine-primary-color-filled)" />
      <path d="M6 16c3-6 7-9 10-9s7 3 10 9c-3 6-7 9-10 9s-7-3-10-9z" fill="none" stroke="#fff" strokeWidth="2.5" />
      <circle cx="16" cy="16" r="4" fill="#fff" />
    </svg>
  );
}
