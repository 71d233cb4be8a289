/** A one-path line icon in the app's style: a 16-unit grid drawn with a 1.2 stroke in the text colour. */
export function LineIcon({ d, size = 15 }: { d: string; size?: number }) {
  return (
    <svg viewBox="0 0 16 16" width={size} height={size} aria-hidden="true">
      <path
        d={d}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
