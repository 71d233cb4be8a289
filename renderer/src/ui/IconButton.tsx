import type { ComponentPropsWithRef, ReactNode } from 'react';

/** A button's props (a ref too: React 19 passes it as one) but its type and name. */
type Props = Omit<ComponentPropsWithRef<'button'>, 'type' | 'aria-label'> & {
  /** What the button does, as screen readers say it; the tooltip too unless `title` is given. */
  label: string;
  children: ReactNode;
};

/**
 * A small button that shows only an icon (a LineIcon, or ×). One component so every such
 * button has a name for screen readers, a tooltip, and the app's focus ring and hover style.
 */
export function IconButton({ label, title, className, children, ...rest }: Props) {
  return (
    <button
      type="button"
      className={className ? `icon-button ${className}` : 'icon-button'}
      aria-label={label}
      title={title ?? label}
      {...rest}
    >
      {children}
    </button>
  );
}
