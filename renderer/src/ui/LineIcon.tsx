/** A one-path line icon in the app's style: a 16-unit grid drawn in the text colour. */
export function LineIcon({
  d,
  size = 15,
  strokeWidth = 1.2,
}: {
  d: string;
  size?: number;
  strokeWidth?: number;
}) {
  return (
    <svg viewBox="0 0 16 16" width={size} height={size} aria-hidden="true">
      <path
        d={d}
        fill="none"
        stroke="currentColor"
        strokeWidth={strokeWidth}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
